import type { Peer } from '../peers/peer';
import type { Room } from '../rooms/room';
import type { SfuSettings } from './media-settings';
import type { SfuRouter, SfuTransport } from './mediasoup-types';
import type { Direction, PeerMedia, ProducerEntry } from './peer-media';
import type { RoomMedia } from './room-media';
import type { RouterSlot } from './router-fleet';

/** What the SFU's request handlers share: the settings and the media of each room. */
export interface SfuContext {
  readonly settings: SfuSettings;
  /** The media of a room; MEDIA_SERVER_UNAVAILABLE when the room has none. */
  media(room: Room): RoomMedia;
}

/** What the receive-side handlers need of a room: its id only, so a room hosted on another server serves too. */
export type RoomRef = Pick<Room, 'id'>;

/**
 * The receive side of a room's media: a room hosted here (RoomMedia), or the mirror of a room hosted on another
 * server of the cluster (RoomMirror), whose producers arrive through pipes from there.
 */
export interface ReceiveSide {
  readonly router: SfuRouter;
  /** The media of a peer in this room, created on first use. */
  peer(peerId: string): PeerMedia;
  /** A producer that can be consumed here right now. */
  producer(producerId: string): ProducerEntry | undefined;
  /** The router a new transport of the peer goes on. */
  routerFor(peerId: string, direction: Direction): Promise<RouterSlot>;
  /** The producer and the router of the peer's receive transport, once the producer can be consumed there. */
  consumable(peerId: string, producerId: string): Promise<{ entry: ProducerEntry; router: SfuRouter }>;
  /** Gives a peer a new transport, closing the one it replaces. */
  setTransport(media: PeerMedia, direction: Direction, transport: SfuTransport): void;
  /** Sends a peer a `newProducer` for every producer of the room. */
  announceTo(peer: Peer): void;
}

/** What the transport and consumer handlers share: the settings and the receive side of each room. */
export interface ReceiveContext {
  readonly settings: SfuSettings;
  media(room: RoomRef): ReceiveSide;
}
