-- GET /action-items?owner=me lists a person's items across teams: owners compare ignoring case.
create index action_item_by_owner on action_item (lower(owner), due_date, id);
