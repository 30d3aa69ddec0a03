/** The signaling protocol shared by the room server and every client: envelopes, messages, errors. */
export * from './calls';
export * from './envelope';
export * from './errors';
export * from './hello';
export * from './join-token';
export * from './mediasoup';
export * from './messages';
export * from './primitives';
export * from './room-extras';
export * from './rooms';
export * from './sessions';
export * from './sfu';
export * from './signal';
export * from './validate';
