'use client';

import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { useServerInsertedHTML } from 'next/navigation';
import { useRef, useState, type ReactNode } from 'react';

type StyleCache = ReturnType<typeof createCache>;

/**
 * On the server, one antd style cache for the process. The portal has one theme, so its tokens and
 * CSS variables are the same for every request: computed once, not for each page (a cache per request,
 * as @ant-design/nextjs-registry keeps, recomputed them on every render — a sixth of a page's CPU).
 */
const serverCache: StyleCache | null = typeof window === 'undefined' ? createCache() : null;
let serverStyles = { entries: -1, text: '' };

/** The cache's styles as one stylesheet, extracted again only when an entry was added. */
function serverStyleText(cache: StyleCache): string {
  if (cache.cache.size !== serverStyles.entries)
    serverStyles = { entries: cache.cache.size, text: extractStyle(cache, { plain: true }) };
  return serverStyles.text;
}

/**
 * antd's styles for server rendering: the stylesheet of the cache (the theme's CSS variables; the
 * components' rules are the static antd.css) goes into the page once, and again in a later streamed
 * part only if rendering that part added entries. In the browser a cache of its own, as usual.
 */
export function StyleRegistry({ children }: { children: ReactNode }) {
  const [cache] = useState(() => serverCache ?? createCache());
  const sentEntries = useRef(-1);
  useServerInsertedHTML(() => {
    if (!serverCache || serverCache.cache.size === sentEntries.current) return null;
    sentEntries.current = serverCache.cache.size;
    return (
      <style
        id="antd-cssinjs"
        data-rc-order="prepend"
        data-rc-priority="-1000"
        dangerouslySetInnerHTML={{ __html: serverStyleText(serverCache) }}
      />
    );
  });
  return <StyleProvider cache={cache}>{children}</StyleProvider>;
}
