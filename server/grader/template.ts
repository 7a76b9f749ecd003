/** Fills `{{name}}` placeholders from a finding's data; an unknown name is left visible so a test catches it. */
export function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in data ? String(data[name]) : whole,
  );
}
