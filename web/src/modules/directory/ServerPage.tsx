import { Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * The social map and the self-test are light pages rendered by the server (no JavaScript needed on a cheap phone).
 * When the browser app's menu links to them, this hands the address over to the server with a full page load.
 */
export function ServerPage() {
  const location = useLocation();
  const target = `${location.pathname}${location.search}`;
  useEffect(() => {
    window.location.replace(target);
  }, [target]);
  return (
    <Paragraph role="status">
      <a href={target}>Bezig met openen…</a>
    </Paragraph>
  );
}
