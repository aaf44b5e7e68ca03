"""Reads a calendar feed with python's icalendar library, as a calendar app written in Python would, and prints
what it read as JSON on standard output.

Usage: python3 read_feed.py FEED.ics

icalendar keeps going past a property it cannot read in an event (it lists it in the event's ``errors``), so those
are printed too: the test wants none.
"""
import json
import sys

from icalendar import Calendar


def people(value):
    """One address or several (a property given more than once reads as a list)."""
    if value is None:
        return []
    return [{'address': str(person), 'name': str(person.params.get('CN'))}
            for person in (value if isinstance(value, list) else [value])]


def moment(value):
    """ISO 8601 with the offset icalendar read: none at all if it took the time for a local one."""
    return value.isoformat()


def event_of(event):
    return {
        'uid': str(event.get('UID')),
        'sequence': event.decoded('SEQUENCE'),
        'summary': str(event.get('SUMMARY')),
        'status': str(event.get('STATUS')),
        'start': moment(event.decoded('DTSTART')),
        'end': moment(event.decoded('DTEND')),
        'organizer': people(event.get('ORGANIZER'))[0],
        'attendees': people(event.get('ATTENDEE')),
        'url': str(event.get('URL')),
        'errors': [list(error) for error in event.errors],
    }


def main(path):
    with open(path, 'rb') as feed:
        calendar = Calendar.from_ical(feed.read())
    json.dump({
        'version': str(calendar.get('VERSION')),
        'events': [event_of(event) for event in calendar.walk('VEVENT')],
        'errors': [list(error) for error in calendar.errors],
    }, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1])
