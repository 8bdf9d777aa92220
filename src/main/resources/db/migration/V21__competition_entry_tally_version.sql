-- Knowledge rounds (#15): a counter of every change to what the live standings show of an entry (an
-- answer saved, a visibility note, a takeover, the hand-in). A node keeping a round's standings
-- reads the counters each second and reads again only the entries whose counter moved, instead of
-- every answer of every entry (10,000 contestants × 30 answers) every second.
ALTER TABLE competition_entry ADD COLUMN tally_version bigint NOT NULL DEFAULT 0;
