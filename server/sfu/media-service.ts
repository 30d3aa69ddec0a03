import type { MethodName, NotificationName, NotificationOf, ParsedRequestOf, ResponseOf } from '../../common/protocol';
import type { Peer } from '../peers/peer';
import type { Room } from '../rooms/room';
import type { MediaPipes } from './media-pipes';

/** The protocol methods a media service (the mediasoup SFU) answers; everything else is the room server's. */
export const SFU_METHODS = [
  'getRouterRtpCapabilities',
  'createWebRtcTransport',
  'connectWebRtcTransport',
  'restartIce',
  'produce',
  'closeProducer',
  'pauseProducer',
  'resumeProducer',
  'consume',
  'resumeConsumer',
  'setConsumerPreferredLayers',
  'requestKeyFrame',
  'startRecording',
  'stopRecording',
] as const satisfies readonly MethodName[];

/** One of the SFU methods. */
export type SfuMethodName = (typeof SFU_METHODS)[number];

/**
 * Handles one validated SFU request. The room server has already checked that the media service is
 * available and that `peer` is in `room`, whose mode is 'sfu' or 'broadcast'; permission checks on
 * the request itself (a viewer's produce → FORBIDDEN, ids that belong to the caller) are the handler's.
 * Throw ProtocolError for expected failures; anything else becomes INTERNAL.
 */
export type SfuHandler<M extends SfuMethodName, R extends Pick<Room, 'id'> = Room> = (
  room: R,
  peer: Peer,
  data: ParsedRequestOf<M>,
) => Promise<ResponseOf<M>>;

/** A handler for every SFU method. */
export type SfuHandlers = { [M in SfuMethodName]: SfuHandler<M> };

/** What the room server offers a media service: room lookup and pushes to peers. */
export interface MediaHost {
  /** The open room with this id. */
  room(roomId: string): Room | undefined;
  /** Sends a notification to a signed-in peer; dropped when the peer is gone. */
  notify<N extends NotificationName>(peerId: string, name: N, data: NotificationOf<N>): void;
}

/**
 * The seam between the room server and a media server. The room server owns rooms and peers and
 * calls these hooks for rooms of mode 'sfu' and 'broadcast' only (p2p rooms never touch media):
 *
 * - `onRoomCreated` before the room id is handed out (create the Router here); a throw fails createRoom
 *   with MEDIA_SERVER_UNAVAILABLE (or the thrown ProtocolError), and no room is left behind.
 * - `onPeerJoined` right after the peer entered the room and the others were told.
 * - `onPeerLeft` while the peer is still in the room, before the others get peerLeft/viewerCount, so
 *   producerClosed etc. reach them first (close the peer's transports here).
 * - `onRoomClosed` once, after the last peer left or the room expired empty (close the Router here).
 * - `finishRecordings` on server shutdown, first, while peers are still connected and media still flows.
 * - `close` on server shutdown, after every room was closed.
 *
 * Hooks must not throw for bookkeeping reasons; a throw is logged and presence goes on regardless.
 */
export interface MediaService {
  /** False: SFU methods answer MEDIA_SERVER_UNAVAILABLE and sfu/broadcast rooms can't be created. */
  readonly available: boolean;
  readonly handlers: SfuHandlers;
  onRoomCreated(room: Room): Promise<void>;
  onPeerJoined(room: Room, peer: Peer): void;
  onPeerLeft(room: Room, peer: Peer): void;
  onRoomClosed(room: Room): void;
  /**
   * Media pipes to and from the other servers of a cluster (optional: without them, a room hosted elsewhere keeps
   * all its media on its own server, as a peer's requests about it are all forwarded there).
   */
  readonly pipes?: MediaPipes;
  /** Ends every recording and waits for its file (optional: only a service that records has any). */
  finishRecordings?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the media service, given the host it reports to; passed to `startServer({ media })`. It may be
 * async (start the mediasoup workers here): the server listens only once it resolved.
 */
export type MediaServiceFactory = (host: MediaHost) => MediaService | Promise<MediaService>;
