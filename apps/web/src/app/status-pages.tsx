import { Link } from '@tanstack/react-router';
import { buttonClass } from '../components/ui/button';

export function NotFoundPage() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-accent-700">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">We couldn't find that page</h1>
      <p className="mt-3 text-slate-600">The link may be old, or the page has moved.</p>
      <Link to="/" className={buttonClass('primary', 'mt-8')}>
        Go to the catalogue
      </Link>
    </div>
  );
}

export function ErrorPage({ error, reset }: { error: unknown; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">This page hit a problem</h1>
      <p className="mt-3 text-slate-600">{error instanceof Error ? error.message : 'Please try again.'}</p>
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" className={buttonClass()} onClick={reset}>
          Try again
        </button>
        <Link to="/" className={buttonClass('secondary')}>
          Go to the catalogue
        </Link>
      </div>
    </div>
  );
}
