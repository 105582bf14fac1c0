import type { RequestHandler } from 'express';

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses a request whose JSON holds text that is not valid Unicode (a lone surrogate,
 * which JSON's \u escapes allow): the databases would store it as replacement
 * characters, so what the user wrote would be changed without a word.
 */
export function wellFormedText(): RequestHandler {
  return (req, res, next) => {
    const found = loneSurrogateIn(req.body, '');
    if (!found) return next();
    const unit = found.unit.charCodeAt(0).toString(16);
    res.status(400).json({
      errors: [
        {
          message: `${found.path} is not valid Unicode: it holds half of a surrogate pair (\\u${unit} without its partner).`,
          extensions: { code: 'BAD_USER_INPUT', field: found.path },
        },
      ],
    });
  };
}

function loneSurrogateIn(value: unknown, path: string): { path: string; unit: string } | null {
  if (typeof value === 'string') {
    const match = LONE_SURROGATE.exec(value);
    return match ? { path: path || 'the request', unit: match[0] } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const inKey = LONE_SURROGATE.exec(key);
    if (inKey) return { path: at, unit: inKey[0] };
    const found = loneSurrogateIn(item, at);
    if (found) return found;
  }
  return null;
}
