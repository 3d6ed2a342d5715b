// opencc-js ships its dictionaries as modules exporting one string ("from to|from to|…") without typings.
declare module "opencc-js/dict/*" {
  const dict: string;
  export default dict;
}
