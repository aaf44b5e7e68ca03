-- Events of items created by hand for an incident without a review, stored as version 1 with reviewId null by the
-- build that widened version 1 in place (c45af21), before the action-item events moved to version 2. Version 1 (as
-- originally published) requires reviewId to be a review's id, so as stored these rows break it whenever the relay
-- publishes or republishes them; version 2 is the version that allows a null or absent reviewId. Only the label was
-- wrong: the payloads are exactly what version 2 carries (the codec's 1 -> 2 upcast is the identity), so they are not
-- touched. The one exception to "never updated" in this log, a correction of its own version column. ->> is null both
-- for a JSON null and for an absent key. An item of no review is never amended or removed, so this matches none of
-- those types.
update event_log
   set event_version = 2
 where stream_type = 'action-item'
   and event_version = 1
   and payload ->> 'reviewId' is null;
