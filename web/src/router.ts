import { createRouter, createWebHistory } from "vue-router";
import DirectivesPage from "./pages/DirectivesPage.vue";
import DocumentPage from "./pages/DocumentPage.vue";
import PersonPage from "./pages/PersonPage.vue";
import RegionPage from "./pages/RegionPage.vue";
import SearchPage from "./pages/SearchPage.vue";
import TrendsPage from "./pages/TrendsPage.vue";

// Every view's state is in its address, so a link reproduces what its sender saw.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: "/", component: SearchPage, meta: { title: "检索" } },
    { path: "/document/:id(\\d+)", component: DocumentPage, props: (route) => ({ id: Number(route.params.id) }), meta: { title: "文档" } },
    { path: "/person/:id(\\d+)", component: PersonPage, props: (route) => ({ id: Number(route.params.id) }), meta: { title: "人物" } },
    { path: "/region/:name", component: RegionPage, props: true, meta: { title: "地区" } },
    { path: "/trends", component: TrendsPage, meta: { title: "词频趋势" } },
    { path: "/directives", component: DirectivesPage, meta: { title: "指示台账" } },
    { path: "/:rest(.*)*", component: SearchPage, meta: { title: "检索" } },
  ],
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? "")} · 会议`;
});
