-- The index that finds a room's last `room.updated` (its deck and settings now, for the room
-- listing, see room-listing.ts) held every event of the log: each vote, most of the log, paid for
-- an entry, with its type's text, that no query reads. A partial index holds the `room.updated`
-- events alone and serves the listing the same way (by room, newest first); a vote's insert now
-- maintains the primary key alone. The measurements are in docs/performance.md (durable votes,
-- nineteenth run).
--
-- Erasing a participant's name (rare) reads its room's events by the primary key instead.
--
-- Like every migration here it runs in one transaction: writes to room_events wait while the new
-- index is built, which reads the table once.
create index room_events_room_updated on room_events (room_id, seq desc) where type = 'room.updated';
drop index room_events_room_type_seq;
