import type { ReactNode } from 'react';

function LegalPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <article className="mx-auto max-w-3xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      <div className="mt-6 space-y-4 text-base leading-7 text-slate-700 [&_h2]:mt-8 [&_h2]:text-lg [&_h2]:font-semibold [&_h2]:text-slate-900">
        {children}
      </div>
    </article>
  );
}

export function TermsPage() {
  return (
    <LegalPage title="Terms of service">
      <p>
        These terms govern your use of carhub: browsing our stock, booking test drives and rentals, and keeping your own
        cars in your garage.
      </p>
      <h2>Your account</h2>
      <p>
        Keep your password to yourself. You are responsible for what is done with your account; sign out everywhere from
        Settings if you think someone else has it.
      </p>
      <h2>Bookings</h2>
      <p>
        A test-drive request holds its hour until the showroom approves or declines it. You may hold at most three
        active test drives at once. Cancel a booking you won't keep, so others can take the slot.
      </p>
      <h2>Your cars and photos</h2>
      <p>You keep the rights to what you upload. Photos are stored without their location data.</p>
      <h2>Changes</h2>
      <p>We will tell you by e-mail before these terms change in a way that matters to you.</p>
    </LegalPage>
  );
}

export function PrivacyPage() {
  return (
    <LegalPage title="Privacy policy">
      <p>We keep only what we need to run your account and your bookings.</p>
      <h2>What we store</h2>
      <p>
        Your name, username, e-mail address and, if you give them, your phone number and address; your bookings, your
        garage cars and their photos; the sessions you are signed in with (device and address, to let you revoke them).
      </p>
      <h2>Cookies</h2>
      <p>One cookie keeps you signed in. It can't be read by scripts and is never used for tracking.</p>
      <h2>Your rights</h2>
      <p>You may correct your details in Settings at any time, and ask us to delete your account.</p>
    </LegalPage>
  );
}
