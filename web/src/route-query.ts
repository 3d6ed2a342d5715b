import type { RouteLocationNormalizedLoaded } from "vue-router";

/** A view's state as its address holds it: the query parameter's value, "" when absent or repeated. */
export function queryParam(route: RouteLocationNormalizedLoaded, name: string): string {
  const value = route.query[name];
  return typeof value === "string" ? value : "";
}
