import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A consequential act asks first and says what will happen: "De zaak wordt gesloten. U kunt dit niet ongedaan
 * maken." The question opens in a native modal `<dialog>` (focus moves into it, Escape cancels), with the act and
 * "Annuleren". The act itself runs only after "yes".
 */
export function ConfirmButton(props: {
  /** The button that opens the question, e.g. "Zaak sluiten". */
  label: ReactNode;
  /** The question's heading, e.g. "Zaak sluiten?". */
  title: string;
  /** What will happen, in plain words. */
  consequence: ReactNode;
  /** The button that does it, e.g. "Ja, sluit de zaak". */
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
  appearance?: 'primary-action-button' | 'secondary-action-button' | 'subtle-button';
  /** A form to check before the question opens (required fields): the button then submits nothing itself. */
  form?: string;
  /** Checks to run before the question opens (e.g. a result must be chosen); false keeps it closed. */
  beforeOpen?: () => boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const titleId = `${props.confirmLabel.replace(/\W+/g, '-').toLowerCase()}-title`;
  return (
    <>
      <Button
        type="button"
        appearance={props.appearance ?? 'primary-action-button'}
        disabled={props.disabled}
        onClick={() => {
          const form = props.form ? (document.getElementById(props.form) as HTMLFormElement | null) : null;
          if (form && !form.reportValidity()) return;
          if (props.beforeOpen && !props.beforeOpen()) return;
          setOpen(true);
        }}
      >
        {props.label}
      </Button>
      <dialog ref={ref} className="vn-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <Heading2 id={titleId}>{props.title}</Heading2>
        <Paragraph>{props.consequence}</Paragraph>
        <ButtonGroup>
          <Button
            type="button"
            appearance="primary-action-button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await props.onConfirm();
              } finally {
                setBusy(false);
                setOpen(false);
              }
            }}
          >
            {props.confirmLabel}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(false)}>
            Annuleren
          </Button>
        </ButtonGroup>
      </dialog>
    </>
  );
}
