#!/usr/bin/env python3
"""A realistic incident, start to finish, against the running system (deploy/run demo).

Two services' alerts storm in (PagerDuty Events v2 and a Prometheus Alertmanager webhook); incidents are
declared from them; responders run the checkout incident to resolution; a blameless review is scheduled,
checked for blame, and published with two action items for the payments team; payments works them to done;
the review's follow-up completes and the incident closes. Standard library only.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

INCIDENTS = os.environ["DEMO_INCIDENT_URL"]
REVIEWS = os.environ["DEMO_REVIEW_URL"]
ACTIONS = os.environ["DEMO_ACTIONS_URL"]
KEY = os.environ["DEMO_KEY"]
RESPONDER = os.environ["DEMO_TOKEN_RESPONDER"]
REVIEWER = os.environ["DEMO_TOKEN_REVIEWER"]
PAYMENTS = os.environ["DEMO_TOKEN_PAYMENTS"]
OTHER = os.environ["DEMO_TOKEN_OTHER"]
RUN = uuid.uuid4().hex[:6]


def call(method, url, token=None, body=None, expect=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    payload = json.loads(text) if text.strip().startswith(("{", "[")) else text
    if expect is not None and not (status == expect or (expect == 200 and 200 <= status < 300)):
        sys.exit(f"demo: {method} {url} answered {status}, expected {expect}: {text[:500]}")
    return status, payload


def wait_for(what, probe, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.5)
    sys.exit(f"demo: gave up waiting for {what} after {seconds} s (see deploy/run logs)")


def say(text=""):
    print(text, flush=True)


checkout, search = f"checkout-{RUN}", f"search-{RUN}"
say(f"1. An alert storm: {checkout} pages through PagerDuty's Events API, {search} through Alertmanager.")
for i in range(40):
    call("POST", f"{INCIDENTS}/v2/enqueue", body={
        "routing_key": KEY, "event_action": "trigger", "dedup_key": f"{checkout}-latency-{i % 4}",
        "payload": {"summary": f"{checkout} p99 latency above 2s on pod {i % 4}", "source": f"{checkout}-{i % 4}",
                    "severity": "critical", "component": checkout}}, expect=202)
alertmanager = {"version": "4", "status": "firing", "receiver": "incident-lifecycle", "groupKey": f"{{}}:{search}",
                "alerts": [{"status": "firing", "labels": {"alertname": "SearchErrorRate", "service": search, "severity": "error",
                                                             "pod": f"{search}-{n}"},
                            "annotations": {"summary": f"{search} 5xx rate above 5%"}, "startsAt": "2026-11-29T10:00:00Z",
                            "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.local/graph",
                            "fingerprint": f"{RUN}{n:010d}"} for n in range(3)]}
for _ in range(5):  # Alertmanager repeats the same group every repeat interval
    call("POST", f"{INCIDENTS}/webhooks/alertmanager", KEY, alertmanager, expect=200)
say(f"   sent 40 PagerDuty triggers over 4 dedup keys and 5 Alertmanager notifications of 3 alerts each")


def incident_of(service):
    _, page = call("GET", f"{INCIDENTS}/incidents?service={service}", RESPONDER, expect=200)
    return page["items"][0] if page["items"] else None


incident = wait_for("the checkout incident", lambda: incident_of(checkout))
other = wait_for("the search incident", lambda: incident_of(search))
iid = incident["id"]
_, alerts = call("GET", f"{INCIDENTS}/incidents/{iid}/alerts", RESPONDER, expect=200)
wait_for("all 40 triggers counted", lambda: sum(a["occurrences"] for a in call("GET", f"{INCIDENTS}/incidents/{iid}/alerts", RESPONDER)[1]) == 40)
say(f"2. Declared {incident['number']} ({incident['severity']}) \"{incident['title']}\": 4 alerts, 40 occurrences, one incident.")
say(f"   Declared {other['number']} ({other['severity']}) for {search}; its repeated notifications only raised counters.")

say("3. Responders run the incident.")
call("POST", f"{INCIDENTS}/incidents/{iid}/roles", RESPONDER, {"role": "COMMANDER", "person": "sam.responder"}, expect=200)
call("POST", f"{INCIDENTS}/incidents/{iid}/acknowledge", RESPONDER, {}, expect=200)
call("POST", f"{INCIDENTS}/incidents/{iid}/notes", RESPONDER,
     {"text": "Connection pool exhausted on checkout pods since the 10:05 deploy."}, expect=200)
call("POST", f"{INCIDENTS}/incidents/{iid}/mitigate", RESPONDER, {}, expect=200)
for i in range(4):
    call("POST", f"{INCIDENTS}/v2/enqueue", body={"routing_key": KEY, "event_action": "resolve",
                                                  "dedup_key": f"{checkout}-latency-{i}"}, expect=202)
_, resolved = call("POST", f"{INCIDENTS}/incidents/{iid}/resolve", RESPONDER,
                   {"reason": "Rolled back the pool size change"}, expect=200)
say(f"   sam.responder took command, acknowledged, noted, mitigated; alerts resolved; {resolved['number']} RESOLVED.")

say("4. A blameless review is scheduled by policy (SEV2: due in 5 business days).")
review = wait_for("the review", lambda: (call("GET", f"{REVIEWS}/reviews?incident={iid}", REVIEWER)[1].get("items") or [None])[0])
rid = review["id"]
say(f"   facilitator {review['facilitator']}, meeting {review['scheduledStart']}, due {review['dueAt']}")

draft = "Bob should have load tested the pool. Human error during the deploy."
_, check = call("POST", f"{REVIEWS}/language-check", REVIEWER, {"text": draft, "people": ["Bob"]}, expect=200)
say(f"5. The language check reads the first draft: \"{draft}\"")
for finding in check["findings"]:
    say(f"   - \"{finding['phrase']}\": {finding['why']} Try: {finding['reframing']}")
call("PATCH", f"{REVIEWS}/reviews/{rid}/document", REVIEWER, {
    "summary": "A smaller connection pool shipped at 10:05 could not absorb peak checkout traffic; latency rose until the "
               "change was rolled back.",
    "impact": "Checkout p99 above 2 s for 25 minutes.",
    "whatWentWell": "The alert fired within two minutes and the rollback was quick."}, expect=200)
call("POST", f"{REVIEWS}/reviews/{rid}/contributing-factors", REVIEWER,
     {"category": "TECHNICAL", "description": "Pool sizes are not exercised by the pre-release load test."}, expect=200)
call("POST", f"{REVIEWS}/reviews/{rid}/contributing-factors", REVIEWER,
     {"category": "TOOLING", "description": "No alert on pool saturation, only on latency."}, expect=200)
for title, kind in (("Add pool sizes to the pre-release load test", "PREVENT"), ("Alert on connection pool saturation", "DETECT")):
    call("POST", f"{REVIEWS}/reviews/{rid}/action-items", REVIEWER,
         {"title": title, "type": kind, "ownerTeam": "payments", "priority": "P2"}, expect=200)
call("POST", f"{REVIEWS}/reviews/{rid}/start", REVIEWER, {}, expect=200)
call("POST", f"{REVIEWS}/reviews/{rid}/publish", REVIEWER, {}, expect=200)
say("   rewritten without blame, two contributing factors, two action items for payments: review.published")

say("6. actions-service turns the outcome into action items for payments.")
items = wait_for("the action items", lambda: (lambda page: page["items"] if len(page.get("items", [])) == 2 else None)(
    call("GET", f"{ACTIONS}/action-items?team=payments&review={rid}", PAYMENTS)[1]))
for item in items:
    status, _ = call("POST", f"{ACTIONS}/action-items/{item['id']}/complete", OTHER, {"resolutionNote": "not our team"})
    say(f"   \"{item['title']}\" due {item['dueDate']}: a search team member may not close it (HTTP {status})")
for item in items:
    call("POST", f"{ACTIONS}/action-items/{item['id']}/start", PAYMENTS, {}, expect=200)
    call("POST", f"{ACTIONS}/action-items/{item['id']}/complete", PAYMENTS,
         {"resolutionNote": "Shipped and verified in staging", "link": "https://tracker.example/PAY-42"}, expect=200)
say("   priya (payments) started and completed both")

closed = wait_for("the incident to close", lambda: (lambda i: i if i["status"] == "CLOSED" else None)(
    call("GET", f"{INCIDENTS}/incidents/{iid}", RESPONDER)[1]))
say(f"7. The review's follow-up is complete, so {closed['number']} is CLOSED.")
say()
say("See it in the APIs (with a token from deploy/run token):")
say(f"   {INCIDENTS}/incidents/{iid}/timeline")
say(f"   {INCIDENTS}/incidents/{iid}/events")
say(f"   {REVIEWS}/reviews/{rid}")
say(f"   {ACTIONS}/action-items?team=payments&review={rid}")
say(f"   {ACTIONS}/teams/payments/action-items/summary")
say(f"   {REVIEWS}/reviews/calendar.ics")
