/// <reference types="astro/client" />
// A typed client for rengo-wagtail's API, on the types `npm run types` generates
// from its OpenAPI document (src/lib/schema.d.ts).
import type { components } from "./schema";

export type Schemas = components["schemas"];
export type Organization = Schemas["OrganizationPage"];
export type OrganizationIndex = Schemas["OrganizationIndexPage"];
export type Listing = Schemas["Listing"];
export type Translation = NonNullable<NonNullable<Organization["meta"]>["translations"]>[number];

export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

// The API's endpoint, e.g. http://127.0.0.1:8000/api/v2/pages (no trailing slash).
export const API: string = (
  import.meta.env.RENGO_API ?? "http://127.0.0.1:8000/api/v2/pages"
).replace(/\/$/, "");

async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const response = await fetch(`${API}${path}?${query}`);
  if (!response.ok) {
    const { message } = (await response.json()) as Schemas["Error"];
    throw new Error(`${path}: ${response.status} ${message}`);
  }
  return (await response.json()) as T;
}

/** The organization index of a language, with its introduction. */
export async function organizationIndex(language: Language): Promise<OrganizationIndex> {
  const listing = await get<Listing>("/", {
    type: "rengo_wagtail.OrganizationIndexPage",
    locale: language,
    fields: "intro",
  });
  return listing.items[0] as OrganizationIndex;
}

/** The index's organizations in a language, the untranslated ones in the source language. */
export async function organizations(language: Language, index: OrganizationIndex) {
  const listing = await get<Listing>("/", {
    type: "rengo_wagtail.OrganizationPage",
    locale: language,
    fallback: "true",
    child_of: index.id!,
    fields: "name,summary,category,logo",
    limit: 100,
  });
  return listing.items as Organization[];
}

/** One organization, with its body; ``fallback`` marks a stand-in for a missing translation. */
export function organization(id: number, language: Language): Promise<Organization> {
  return get<Organization>(`/${id}/`, { locale: language, fallback: "true" });
}
