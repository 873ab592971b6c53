// A static site: every page is fetched from the API when it is built; only
// /preview/ asks the API again, in the browser, for the draft a token names.
import { defineConfig } from "astro/config";

export default defineConfig({
  output: "static",
  trailingSlash: "always",
  build: { format: "directory" },
});
