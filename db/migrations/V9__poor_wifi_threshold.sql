-- A phone's own POOR_WIFI threshold: a phone kept where the signal is always weak (a cold room, a
-- basement) or one that must never be on the edge (a nurse's) overrides the fleet's default
-- (cradle.alarms.poor-wifi-dbm). Null: the fleet's. The range is the WP820's own roaming
-- threshold range (P22232). Not indexed, so Informs stay HOT updates (see V1).
alter table device add column poor_wifi_dbm integer check (poor_wifi_dbm between -100 and -30);
