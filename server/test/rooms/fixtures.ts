import type { Role } from '@pokerroom/protocol';
import {
  createRoom,
  type DecideContext,
  type Decision,
  type DomainEvent,
  decide,
  evolve,
  type RoomClientCommand,
  type RoomCommand,
  type RoomState,
} from '../../src/rooms/index.js';

/** The grace period rooms get in these tests. */
export const GRACE_MS = 60_000;

/** A deterministic context: a clock the test moves by hand and ids counted per prefix. */
export function testContext(start = 1_000_000) {
  let now = start;
  const counters = { round: 0, story: 0 };
  const ctx: DecideContext = {
    get now() {
      return now;
    },
    newId: (prefix) => {
      counters[prefix] += 1;
      return `${prefix}_${counters[prefix]}`;
    },
    facilitatorGraceMs: GRACE_MS,
  };
  return {
    ctx,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A room driven through `decide` and `evolve`, keeping the log, as the host would. */
export class TestRoom {
  state: RoomState;
  readonly log: DomainEvent[] = [];
  readonly clock = testContext();
  readonly initial: RoomState;

  constructor(
    settings: Parameters<typeof createRoom>[0]['settings'] = {},
    deck?: Parameters<typeof createRoom>[0]['deck'],
  ) {
    this.initial = createRoom({
      id: 'room_1',
      name: 'Sprint 12',
      settings,
      ...(deck === undefined ? {} : { deck }),
    });
    this.state = this.initial;
  }

  /** Decides and, when accepted, folds the events in. */
  run(command: RoomCommand): Decision {
    const decision = decide(this.state, command, this.clock.ctx);
    if (decision.ok) {
      for (const event of decision.events) {
        this.state = evolve(this.state, event);
        this.log.push(event);
      }
    }
    return decision;
  }

  /** Sends a participant's command. */
  send(actorId: string, command: RoomClientCommand): Decision {
    return this.run({ kind: 'client', actorId, command });
  }

  /** Sends a command that must succeed; returns the event types it produced. */
  ok(actorId: string, command: RoomClientCommand): string[] {
    const decision = this.send(actorId, command);
    if (!decision.ok) throw new Error(`${command.t} refused: ${decision.code} ${decision.message}`);
    return decision.events.map((event) => event.t);
  }

  /** The refusal code of a command that must fail. */
  code(actorId: string, command: RoomClientCommand): string {
    const decision = this.send(actorId, command);
    if (decision.ok) throw new Error(`${command.t} unexpectedly accepted`);
    return decision.code;
  }

  join(id: string, role: Role, name = id): Decision {
    return this.run({ kind: 'join', participant: { id, name, role } });
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  participant(id: string) {
    return this.state.participants.find((p) => p.id === id);
  }
}

/** A room with facilitator `f`, voters `a`, `b`, `c` and observer `o`, all online. */
export function fivePersonRoom(settings: Parameters<typeof createRoom>[0]['settings'] = {}): TestRoom {
  const room = new TestRoom(settings);
  room.join('f', 'facilitator', 'Fay');
  room.join('a', 'voter', 'Ann');
  room.join('b', 'voter', 'Bob');
  room.join('c', 'voter', 'Cid');
  room.join('o', 'observer', 'Oli');
  return room;
}
