// The API's shapes, from the generated core/api-types.ts (run `make api-types` after changing
// a server schema). The description marks no output field required, but marshmallow dumps
// every declared field, so `Sent` reads an answer's fields as present (nested ones too).
import type { components } from './api-types';

type Schemas = components['schemas'];

export type Sent<T> = T extends (infer U)[] ? Sent<U>[] : T extends object ? { [K in keyof T]-?: Sent<Exclude<T[K], undefined>> } : T;

/** An answer's shape, as the server sends it. */
export type Answer<K extends keyof Schemas> = Sent<Schemas[K]>;

/** A shape exactly as described: request bodies (required fields are marked) and answers whose fields vary. */
export type Described<K extends keyof Schemas> = Schemas[K];
