import { watchEffect } from "vue";

// Every browser tab its own title: what the page shows (a document's title, a person, a region, a search),
// then the app's name. Until the page's data arrives the router's title for the kind of page stands.

/** Keep the tab's title to `part()` · 会议 while the page is shown; a null part leaves the router's title. */
export function usePageTitle(part: () => string | null | undefined): void {
  watchEffect(() => {
    const text = part();
    if (text) document.title = `${text} · 会议`;
  });
}
