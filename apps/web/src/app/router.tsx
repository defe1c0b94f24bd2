import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { z } from 'zod';
import { adminRoutes } from '../features/admin/admin-routes';
import { LoginPage } from '../features/auth/login-page';
import { ForgotPasswordPage, ResetPasswordPage } from '../features/auth/password-reset-pages';
import { RegisterPage } from '../features/auth/register-page';
import { BookingsPage } from '../features/bookings/bookings-page';
import { CarPage } from '../features/car/car-page';
import { CataloguePage } from '../features/catalogue/catalogue-page';
import { catalogueSearch } from '../features/catalogue/catalogue-search';
import { GarageCarPage } from '../features/garage/garage-car-page';
import { GaragePage } from '../features/garage/garage-page';
import { PrivacyPage, TermsPage } from '../features/legal/legal-pages';
import { NotificationsPage } from '../features/notifications/notifications-page';
import { SettingsPage } from '../features/settings/settings-page';
import { Layout } from './layout';
import { RequireUser } from './require-user';
import { ErrorPage, NotFoundPage } from './status-pages';

const rootRoute = createRootRoute({ component: Layout, notFoundComponent: NotFoundPage, errorComponent: ErrorPage });

const redirectSearch = z.object({ redirect: z.string().optional().catch(undefined) });

const catalogueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: catalogueSearch,
  component: function Catalogue() {
    return <CataloguePage search={catalogueRoute.useSearch()} />;
  },
});

const carRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cars/$id',
  component: function Car() {
    const { id } = carRoute.useParams();
    return <CarPage key={id} id={id} />;
  },
});

const signedIn = (Page: () => React.ReactNode) =>
  function SignedInPage() {
    return <RequireUser>{() => <Page />}</RequireUser>;
  };

const child = { getParentRoute: () => rootRoute } as const;
const loginRoute = createRoute({ ...child, path: '/login', validateSearch: redirectSearch, component: LoginPage });
const registerRoute = createRoute({ ...child, path: '/register', component: RegisterPage });
const forgotRoute = createRoute({ ...child, path: '/forgot-password', component: ForgotPasswordPage });
const resetRoute = createRoute({
  ...child,
  path: '/reset-password',
  validateSearch: z.object({ token: z.string().optional().catch(undefined) }),
  component: ResetPasswordPage,
});
const termsRoute = createRoute({ ...child, path: '/terms', component: TermsPage });
const privacyRoute = createRoute({ ...child, path: '/privacy', component: PrivacyPage });
const bookingsRoute = createRoute({ ...child, path: '/bookings', component: signedIn(BookingsPage) });
const garageRoute = createRoute({ ...child, path: '/garage', component: signedIn(GaragePage) });
const notificationsRoute = createRoute({ ...child, path: '/notifications', component: signedIn(NotificationsPage) });
const settingsRoute = createRoute({ ...child, path: '/settings', component: signedIn(SettingsPage) });

const garageCarRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/garage/$id',
  component: function GarageCar() {
    const { id } = garageCarRoute.useParams();
    return <RequireUser>{() => <GarageCarPage key={id} id={id} />}</RequireUser>;
  },
});

const routeTree = rootRoute.addChildren([
  catalogueRoute,
  carRoute,
  loginRoute,
  registerRoute,
  forgotRoute,
  resetRoute,
  termsRoute,
  privacyRoute,
  bookingsRoute,
  garageRoute,
  garageCarRoute,
  notificationsRoute,
  settingsRoute,
  ...adminRoutes(rootRoute),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
