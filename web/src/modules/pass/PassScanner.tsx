import { Button, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { cameraProblemText, passNumberFromQr } from './scan.ts';

/**
 * Reading the QR code of a Dordtpas with the device camera (@zxing/browser). The code on "Mijn Dordtpas" holds the
 * ten digits of the pass number and nothing else (src/modules/pass/pages.ts, passQrSvg); any other code is ignored
 * with a sentence, and scanning goes on. Typing the number keeps working; a refused or missing camera says so.
 */

interface Controls {
  stop: () => void;
}

export function PassScanner({ onScan }: { onScan: (passNumber: string) => void }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const video = useRef<HTMLVideoElement>(null);
  const scanned = useRef(onScan);
  scanned.current = onScan;

  useEffect(() => {
    if (!open || !video.current) return;
    let controls: Controls | null = null;
    let stopped = false;
    const element = video.current;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera'), { name: 'NoCamera' });
        const { BrowserQRCodeReader } = await import('@zxing/browser');
        const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150 });
        const started = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, element, (result, _error, running) => {
          if (!result || stopped) return;
          const number = passNumberFromQr(result.getText());
          if (!number) {
            setStatus('Deze QR-code is geen Dordtpas. Houd de QR-code van de Dordtpas voor de camera.');
            return;
          }
          stopped = true;
          running.stop();
          setOpen(false);
          setStatus('');
          scanned.current(number);
        });
        if (stopped) started.stop();
        else {
          controls = started;
          setStatus('Houd de QR-code van de Dordtpas voor de camera.');
        }
      } catch (error) {
        if (stopped) return;
        setProblem(cameraProblemText(error));
        setOpen(false);
      }
    })();
    return () => {
      stopped = true;
      controls?.stop();
    };
  }, [open]);

  return (
    <div className="vn-scanner">
      {open ? (
        <>
          <video ref={video} className="vn-scanner-video" aria-label="Camerabeeld voor het scannen van de pas" muted playsInline />
          <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(false)}>
            Camera sluiten
          </Button>
        </>
      ) : (
        <Button
          type="button"
          appearance="secondary-action-button"
          onClick={() => {
            setProblem(null);
            setStatus('');
            setOpen(true);
          }}
        >
          Scan de pas met de camera
        </Button>
      )}
      <Paragraph role="status" aria-live="polite" data-testid="scanner-status">
        {problem ?? status}
      </Paragraph>
    </div>
  );
}
