/** `items_handler` → `ItemsHandler`: a CloudFormation logical id (alphanumeric only) from a function's or API's name. */
export function logicalIdOf(name: string, fallback = 'Resource'): string {
  const id = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
  // A logical id must start with a letter (CloudFormation: "alphanumeric (A-Za-z0-9)").
  return /^[A-Za-z]/.test(id) ? id : `${fallback}${id}`;
}

/** A CloudFormation stack name (`[A-Za-z][-A-Za-z0-9]*`, at most 128 characters) from an example's id or an API's name. */
export function stackNameOf(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const named = /^[A-Za-z]/.test(cleaned) ? cleaned : `api-${cleaned}`;
  return named.slice(0, 128).replace(/-$/, '') || 'api';
}
