import { createRouter, createWebHistory } from "vue-router";

// Every view's state is in its address, so a link reproduces what its sender saw. Each page is its own chunk,
// loaded when first visited: the first load carries the search page only, and the charts' library comes
// with the pages that draw charts.
const SearchPage = () => import("./pages/SearchPage.vue");

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: "/", alias: "/index.html", component: SearchPage, meta: { title: "检索" } },
    {
      path: "/document/:id(\\d+)",
      component: () => import("./pages/DocumentPage.vue"),
      props: (route) => ({ id: Number(route.params.id) }),
      // The tab (?view=raw) changes the address, not the document: the page stays, only the tab turns.
      meta: { title: "文档", samePageAcrossQuery: true },
    },
    { path: "/persons", component: () => import("./pages/PersonsPage.vue"), meta: { title: "人物" } },
    // A permalink: the page's key, kept across re-ingest, resolved to the document's page.
    { path: "/p/:pageKey([0-9a-f]{64})", component: () => import("./pages/PermalinkPage.vue"), props: true, meta: { title: "文档", outsideMenu: true } },
    { path: "/person/:id(\\d+)", component: () => import("./pages/PersonPage.vue"), props: (route) => ({ id: Number(route.params.id) }), meta: { title: "人物" } },
    { path: "/region/:name", component: () => import("./pages/RegionPage.vue"), props: true, meta: { title: "地区" } },
    { path: "/trends", component: () => import("./pages/TrendsPage.vue"), meta: { title: "词频趋势" } },
    { path: "/directives", component: () => import("./pages/DirectivesPage.vue"), meta: { title: "指示台账" } },
    // An address with no page says so: a search page would hide the mistake from whoever typed or cut the link.
    { path: "/:rest(.*)*", component: () => import("./pages/NotFoundPage.vue"), meta: { title: "找不到页面", outsideMenu: true } },
  ],
});

// The tab's title until the page knows better (a document's title, a person's name: see usePageTitle).
router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? "")} · 会议`;
});
