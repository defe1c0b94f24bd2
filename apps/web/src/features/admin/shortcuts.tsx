import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { Dialog } from '../../components/ui/dialog';

/** The desk's keys: shown on the buttons and in the `?` overlay. */
export const deskShortcuts = [
  { key: 'n', label: 'New stock car', to: '/admin/stock', search: { new: true } },
  { key: 'b', label: 'The booking queue', to: '/admin/bookings', search: {} },
  { key: 's', label: 'New sale', to: '/admin/sales', search: { new: true } },
] as const;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Single keys while no field has focus and no dialog is open; `?` opens the list of them. */
export function useDeskShortcuts(): { helpOpen: boolean; setHelpOpen: (open: boolean) => void } {
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelpOpen(true);
        return;
      }
      const shortcut = deskShortcuts.find((s) => s.key === event.key.toLowerCase());
      if (shortcut) {
        event.preventDefault();
        void navigate({ to: shortcut.to, search: shortcut.search });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return { helpOpen, setHelpOpen };
}

export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700">
      {children}
    </kbd>
  );
}

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="Press a key anywhere on the dashboard outside a field."
    >
      <dl className="divide-y divide-slate-200">
        {[...deskShortcuts.map((s) => [s.key.toUpperCase(), s.label] as const), ['?', 'This list'] as const].map(
          ([key, label]) => (
            <div key={key} className="flex items-center justify-between py-2 text-sm">
              <dt className="text-slate-800">{label}</dt>
              <dd>
                <Kbd>{key}</Kbd>
              </dd>
            </div>
          ),
        )}
      </dl>
    </Dialog>
  );
}
