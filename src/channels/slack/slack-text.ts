/**
 * Slack message text as a person typed it: links, e-mail addresses, mentions and the three
 * escaped characters come back to plain text, so the extractor (and its evidence check) sees
 * "sam@northwind.test" rather than "<mailto:sam@northwind.test|sam@northwind.test>".
 */
export function plainTextFromSlack(text: string): string {
  return text
    .replace(/<mailto:([^|>]+)(?:\|([^>]+))?>/g, (_, address: string, label?: string) => label ?? address)
    .replace(/<tel:([^|>]+)(?:\|([^>]+))?>/g, (_, number: string, label?: string) => label ?? number)
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, (_, url: string, label: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/<(https?:\/\/[^>]+)>/g, "$1")
    .replace(/<@([A-Z0-9]+)(?:\|([^>]+))?>/g, (_, id: string, label?: string) => `@${label ?? id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `#${label || id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]+))?>/g, (_, label?: string) => label ?? "@group")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
