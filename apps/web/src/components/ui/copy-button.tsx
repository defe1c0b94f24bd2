import { toast } from 'sonner';
import { Button } from './button';

/** Copies `text` to the clipboard and says so in a toast (or how to copy by hand when the browser refuses). */
export function CopyButton({ text, what, label }: { text: string; what: string; label: string }) {
  return (
    <Button
      variant="secondary"
      disabled={!text}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          toast.success(`${what} copied.`);
        } catch {
          toast.error(`Copying was blocked: select the ${what.toLowerCase()} and copy it yourself.`);
        }
      }}
    >
      {label}
    </Button>
  );
}
