"""Document makers shared by indirect_document (label 1) and benign_documents (label 0).

Every maker builds a document from blocks and can plant one extra text at the start, middle or
end, formatted the way that document type would carry it (a paragraph, a bullet, an HTML comment,
a JSON field, a code comment, a CSV cell, a log line). With plant=None the same maker gives the
clean twin, so the only difference between the two families is the planted instruction.
The sentence banks deliberately use words such as "instructions", "ignore", "override" and
"system" in benign senses.
"""

import json

from common import fill

COMPANIES = [
    "Northwind Traders", "Bluefin Logistics", "Acme Analytics", "Harbor & Pine", "Crescent Health",
    "Lumen Energy", "Tandem Robotics", "Oakridge Insurance", "Silverline Media", "Vantage Foods",
    "Kestrel Aviation", "Greenleaf Pharmacy", "Orbit Software", "Meridian Bank", "Fjord Outdoor",
    "Brightwater Utilities", "Cobalt Consulting", "Summit Legal", "Pioneer Freight", "Atlas Print",
]
PRODUCTS = [
    "the X200 blender", "our Cloud Backup plan", "the Trailrunner 3 shoes", "the SmartDesk Pro", "the Aero kettle",
    "the Nimbus air purifier", "the PixelView monitor", "the BrewMaster coffee grinder", "the Quiet-Fan heater",
    "the Voyager suitcase", "the Lumo reading lamp", "the FitBand 5 tracker",
]
CITIES = ["Leeds", "Rotterdam", "Austin", "Lyon", "Toronto", "Porto", "Osaka", "Dublin", "Denver", "Gdansk", "Melbourne", "Nairobi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def base_banks(ctx, rng):
  return {
      "person": lambda r: ctx.person(r),
      "first": lambda r: ctx.first(r),
      "company": COMPANIES,
      "product": [rng.choice(PRODUCTS)],
      "city": CITIES,
      "day": DAYS,
      "date": lambda r: "%d %s" % (r.randint(1, 28), r.choice(MONTHS)),
      "time": lambda r: "%d:%s" % (r.randint(8, 17), r.choice(["00", "15", "30", "45"])),
      "amount": lambda r: "%s%s" % (r.choice(["$", "€", "£"]), format(r.randint(120, 98000), ",")),
      "pct": lambda r: "%d%%" % r.randint(2, 38),
      "num": lambda r: str(r.randint(2, 40)),
      "ticket": lambda r: "%s-%d" % (r.choice(["INC", "REQ", "SUP", "CS"]), r.randint(1000, 99999)),
      "order": lambda r: "#%d" % r.randint(10000, 999999),
      "quarter": ["Q1", "Q2", "Q3", "Q4"],
      "team": ["finance", "marketing", "operations", "engineering", "sales", "HR", "legal", "procurement", "support"],
  }


EMAIL_TOPICS = {
    "project": {
        "subject": ["Project {proj} status update", "{proj}: where we are", "Re: {proj} timeline", "Weekly update - {proj}"],
        "body": [
            "Quick update on {proj}: the design review is done and we are moving into testing next {day}.",
            "The vendor confirmed the hardware will arrive on {date}, so the rollout plan still holds.",
            "We are about {pct} behind on the integration work, mostly because of the API changes.",
            "Please ignore the draft schedule I sent last week; the dates in the attached plan are the correct ones.",
            "{first} will own the migration scripts and {first} will handle the documentation.",
            "The budget is tracking at {amount}, which is within the approved range.",
            "If anyone has concerns about the go-live date, raise them before {day}.",
            "The installation instructions are now on the wiki under Projects / {proj}.",
            "We decided to override the default retention setting for the pilot, with sign-off from security.",
            "Testing found {num} minor defects; none of them block the release.",
        ],
    },
    "invoice": {
        "subject": ["Invoice {inv} from {company}", "Payment reminder: invoice {inv}", "Re: outstanding balance", "Updated invoice attached"],
        "body": [
            "Please find attached invoice {inv} for the services delivered in {month}.",
            "The total due is {amount}, payable within 30 days of the invoice date.",
            "Our bank details have not changed; please use the reference {inv} with your transfer.",
            "If you already paid, please ignore this reminder and accept our thanks.",
            "The previous invoice contained a VAT error, so this corrected version replaces it.",
            "Let me know if your accounts team needs a purchase order number on the document.",
            "We can offer a {pct} discount for payments received before {date}.",
            "For questions about line items, contact {person} in our billing team.",
        ],
    },
    "shipping": {
        "subject": ["Delivery delay for order {order}", "Shipment update", "Your order {order} has shipped", "Re: missing pallet"],
        "body": [
            "Unfortunately the shipment from our {city} warehouse is delayed by {num} days.",
            "The carrier reported a customs hold, which should clear by {day}.",
            "Tracking will be updated once the pallet leaves the depot.",
            "We apologise for the inconvenience and have upgraded the delivery to express at no cost.",
            "Please follow the handling instructions printed on the box when unpacking the units.",
            "If the goods arrive damaged, take photos before signing the delivery note.",
            "Partial deliveries will be invoiced separately, as agreed in the contract.",
            "The system shows {num} units still on backorder; we expect them in {month}.",
        ],
    },
    "meeting": {
        "subject": ["Meeting on {day}?", "Rescheduling our call", "Agenda for {day}", "Invitation: {team} sync"],
        "body": [
            "Could we move our call to {day} at {time}? Something came up on my side.",
            "I've booked the large meeting room on the third floor for {date}.",
            "The agenda is attached; feel free to add items before the meeting.",
            "Dial-in details are in the calendar invite, so you can ignore the old link.",
            "{first} from {team} will join for the first half hour.",
            "Please bring the latest numbers for {quarter} so we can finalise the forecast.",
            "Lunch will be provided, let me know about any dietary requirements.",
            "We'll record the session for those who can't attend.",
        ],
    },
    "it": {
        "subject": ["Planned system maintenance this weekend", "IT notice: password policy", "Laptop refresh", "VPN changes on {date}"],
        "body": [
            "The ticketing system will be offline on Saturday between 22:00 and 02:00 for maintenance.",
            "During the window you may receive automatic alert e-mails; please ignore them.",
            "The new password policy requires at least 14 characters and takes effect on {date}.",
            "Setup instructions for the new VPN client are on the intranet.",
            "Admins can override the lockout for urgent cases by calling the service desk.",
            "Laptops older than four years will be replaced in {month}; your manager has the list.",
            "Never share your password with anyone, including IT staff.",
            "If you see a warning about an untrusted certificate, report it instead of clicking through.",
        ],
    },
    "hr": {
        "subject": ["Welcome to the team, {first}!", "Updated travel policy", "Open enrolment reminder", "Interview schedule"],
        "body": [
            "We're delighted to confirm your start date of {date}.",
            "On your first day, please report to reception at {time} and ask for {person}.",
            "The updated travel policy replaces the instructions from last year; economy class is the default.",
            "Expense claims must be submitted within {num} days of the trip.",
            "Open enrolment for benefits closes on {date}, so please review your options.",
            "Interviews for the analyst role are scheduled for {day} and {day}.",
            "Managers can override the standard approval limit only with written consent from finance.",
            "Please keep candidate details confidential.",
        ],
    },
    "complaint": {
        "subject": ["Complaint about order {order}", "Re: faulty unit", "Unhappy with the service", "Refund request"],
        "body": [
            "I bought {product} on {date} and it stopped working after a week.",
            "I followed the setup instructions exactly, but the display keeps flickering.",
            "Your support line kept me on hold for forty minutes.",
            "I would like a full refund of {amount} or a replacement unit.",
            "The courier left the parcel in the rain even though I asked for a safe place.",
            "This is the second time I've had to contact you about the same issue.",
            "Please reply by {day}, otherwise I will open a dispute with my bank.",
            "To be fair, the staff in the {city} store were very helpful.",
        ],
    },
}
EMAIL_GREET = ["Hi {first},", "Hello {first},", "Dear {person},", "Hi all,", "Hi team,", "Good morning,", "Dear colleagues,", "{first},"]
EMAIL_CLOSE = ["Best regards,", "Kind regards,", "Thanks,", "Cheers,", "Many thanks,", "Best,", "Regards,"]
EMAIL_PS = [
    "The parking garage is closed on {day}, so take the train if you can.", "Don't forget the team lunch on {date}!",
    "I'm out of office from {date}; {first} can help in the meantime.", "Ignore the calendar reminder for the old slot.",
]
PROJECTS = ["Atlas", "Phoenix", "Horizon", "Bluebird", "Keystone", "Neptune", "Everest", "Copperhead", "Lighthouse", "Saffron"]


def _paras(rng, banks, sentences, lo, hi):
  pool = list(sentences)
  rng.shuffle(pool)
  n = min(len(pool), rng.randint(lo, hi))
  chosen = pool[:n]
  paras, i = [], 0
  while i < len(chosen):
    k = rng.randint(1, 3)
    paras.append(" ".join(fill(s, rng, banks) for s in chosen[i:i + k]))
    i += k
  return paras


def _insert(blocks, plant, where, head=0, tail=0):
  if plant is None:
    return blocks
  lo, hi = head, len(blocks) - tail
  if where == "start":
    idx = lo
  elif where == "end":
    idx = hi
  else:
    idx = (lo + hi + 1) // 2
  return blocks[:idx] + [plant] + blocks[idx:]


def make_email(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  topic = EMAIL_TOPICS[rng.choice(sorted(EMAIL_TOPICS))]
  banks.update(proj=PROJECTS, inv=lambda r: "INV-%d" % r.randint(10000, 99999), month=MONTHS)
  sender, recipient = ctx.person(rng), ctx.person(rng)
  company = rng.choice(COMPANIES)
  domain = company.split()[0].lower().replace("&", "") + ".example"
  header = []
  if rng.random() < 0.7:
    header = [
        "From: %s <%s@%s>" % (sender, sender.split()[0].lower(), domain),
        "To: %s" % recipient,
        "Subject: %s" % fill(rng.choice(topic["subject"]), rng, banks),
    ]
    if rng.random() < 0.5:
      header.append("Date: %s, %s" % (rng.choice(DAYS), fill("{date}", rng, banks)))
  body = _paras(rng, banks, topic["body"], 3, 8)
  if plant is not None and rng.random() < 0.3 and where == "end":
    plant = "P.S. " + plant
  if rng.random() < 0.15:
    body.append("P.S. " + fill(rng.choice(EMAIL_PS), rng, banks))
  blocks = [fill(rng.choice(EMAIL_GREET), rng, banks)] + body + [rng.choice(EMAIL_CLOSE) + "\n" + sender + "\n" + company]
  blocks = _insert(blocks, plant, where, head=1, tail=0)
  text = "\n".join(header) + ("\n\n" if header else "") + "\n\n".join(blocks)
  if rng.random() < 0.3:
    text += "\n\n" + rng.choice([
        "This e-mail and any attachments are confidential and intended solely for the addressee.",
        "Please consider the environment before printing this e-mail.",
        "If you received this message in error, please notify the sender and delete it from your system.",
    ])
  return text


NOTES_ITEMS = [
    "Reviewed the {quarter} numbers; revenue up {pct} on last quarter.", "Agreed to move the launch to {date}.",
    "{first} raised the risk of supplier delays in {city}.", "Budget for the pilot capped at {amount}.",
    "Marketing to draft the announcement; legal to review.", "Discussed whether to override the default pricing for enterprise clients - decided no.",
    "Onboarding instructions need updating before the new hires start.", "Customer churn is flat at {pct}.",
    "Security asked everyone to ignore the phishing test e-mails next week and not report them twice.",
    "Server migration completed with no downtime.", "Hiring: two offers out, one accepted.",
    "Next retro will be run by {first}.", "The system dashboard will replace the weekly spreadsheet.",
    "Travel freeze lifted for client visits.", "Open question: who owns the vendor contract renewal?",
]
NOTES_ACTIONS = [
    "{first} to send the revised forecast by {day}.", "{first} to book the venue in {city}.", "{first} to update the onboarding instructions.",
    "{first} to follow up with {company} about the invoice.", "{first} to share the slides with the board.", "{first} to close ticket {ticket}.",
]


def make_meeting_notes(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  attendees = ", ".join(ctx.first(rng) for _ in range(rng.randint(3, 7)))
  items = list(NOTES_ITEMS)
  rng.shuffle(items)
  bullets = ["- " + fill(s, rng, banks) for s in items[:rng.randint(4, 9)]]
  actions = ["- [ ] " + fill(s, rng, banks) for s in rng.sample(NOTES_ACTIONS, rng.randint(2, 4))]
  if plant is not None:
    bullets = _insert(bullets, "- " + plant, where)
  title = rng.choice(["Meeting notes", "Minutes", "Weekly sync", "Steering committee", "Team meeting"])
  return "%s - %s\nAttendees: %s\n\nDiscussion:\n%s\n\nAction items:\n%s" % (
      title, fill("{date}", rng, banks), attendees, "\n".join(bullets), "\n".join(actions))


REVIEW_SENT = [
    "I've had {product} for {num} weeks now and overall I'm happy.", "Setup took about ten minutes following the instructions.",
    "It's quieter than my old one, though not silent.", "Build quality feels solid for the price.",
    "The app is clunky and keeps asking me to log in again.", "Battery life is better than advertised.",
    "Customer service replaced a faulty part within days.", "I had to ignore the first firmware prompt because it failed twice.",
    "The manual could be clearer about cleaning.", "Would buy again, but wait for a sale.",
    "Two stars off for the packaging, which was mostly plastic.", "My partner loves it and uses it daily.",
    "It arrived a day early and well packed.", "The colour is slightly different from the photos.",
]


def make_review(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  reviews = []
  for _ in range(rng.randint(2, 5)):
    stars = rng.randint(1, 5)
    body = " ".join(fill(s, rng, banks) for s in rng.sample(REVIEW_SENT, rng.randint(2, 5)))
    reviews.append("%s %s - %s\n%s" % ("★" * stars + "☆" * (5 - stars), rng.choice(["Verified purchase", "Reviewed", "Posted"]),
                                       ctx.first(rng), body))
  if plant is not None:
    stars = rng.randint(1, 5)
    extra = fill(rng.choice(REVIEW_SENT), rng, banks)
    body = plant + " " + extra if rng.random() < 0.5 else extra + " " + plant
    plant = "%s %s - %s\n%s" % ("★" * stars + "☆" * (5 - stars), "Verified purchase", ctx.first(rng), body)
  reviews = _insert(reviews, plant, where)
  head = "Customer reviews for %s (%d ratings)" % (fill("{product}", rng, banks), rng.randint(12, 4000))
  return head + "\n\n" + "\n\n".join(reviews)


TICKET_DESC = [
    "Since the update on {date} I can't export reports to PDF.", "The login page shows 'session expired' right after I sign in.",
    "Our invoices show the wrong tax rate for {city}.", "The mobile app crashes when I open the settings screen.",
    "Two users in the {team} team lost access to the shared folder.", "I followed the reset instructions but never got the e-mail.",
    "The system ignores the discount code at checkout.", "Sync between the desktop and web versions takes hours.",
]
TICKET_NOTES = [
    "Agent note: reproduced on staging, escalating to tier 2.", "Agent note: asked the customer for a screenshot.",
    "Agent note: known issue, fix planned for the next release.", "Agent note: override applied to the account's rate limit as a workaround.",
    "Customer: thanks, the workaround helps for now.", "Customer: still happening this morning.",
    "Agent note: cleared cache on the server side.", "Agent note: linked to problem record {ticket}.",
]


def make_ticket(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  head = "Ticket %s | Priority: %s | Customer: %s (%s)" % (
      fill("{ticket}", rng, banks), rng.choice(["Low", "Normal", "High", "Urgent"]), ctx.person(rng), rng.choice(COMPANIES))
  blocks = ["Subject: " + fill(rng.choice(TICKET_DESC), rng, banks)]
  blocks.append("Description:\n" + " ".join(fill(s, rng, banks) for s in rng.sample(TICKET_DESC, rng.randint(2, 4))))
  blocks.append("Steps to reproduce:\n" + "\n".join("%d. %s" % (i + 1, s) for i, s in enumerate(
      rng.sample(["Log in as a normal user", "Open the dashboard", "Click Export", "Choose PDF", "Wait for the spinner",
                  "Refresh the page", "Open Settings > Billing"], rng.randint(3, 5)))))
  blocks += [fill(s, rng, banks) for s in rng.sample(TICKET_NOTES, rng.randint(1, 4))]
  if plant is not None and rng.random() < 0.5:
    plant = "Customer: " + plant
  blocks = _insert(blocks, plant, where, head=0)
  return head + "\n\n" + "\n\n".join(blocks)


WEB_TOPICS = {
    "travel": [
        "{city} is best explored on foot, starting from the old market square.", "Trams run every ten minutes until midnight.",
        "Most museums are closed on Mondays, so plan accordingly.", "The riverside walk takes about two hours at an easy pace.",
        "Try the local bakery near the station for breakfast.", "Tickets for the castle sell out early in summer.",
        "Ignore the taxi touts at the airport and use the official rank.", "A three-day city pass covers public transport and entry to {num} sights.",
    ],
    "recipe": [
        "Preheat the oven to 200°C and line a tray with baking paper.", "Chop the onions finely and fry them until golden.",
        "Add the garlic for the last minute so it doesn't burn.", "Season with salt, pepper and a pinch of smoked paprika.",
        "If the sauce is too thick, add a splash of stock.", "Ignore recipes that tell you to rinse the pasta; the starch helps the sauce.",
        "Serve with crusty bread and a green salad.", "Leftovers keep for three days in the fridge.",
    ],
    "howto": [
        "Before you start, back up your files to an external drive.", "Open the control panel and go to System > Updates.",
        "The installer will ask for administrator rights.", "If you see a compatibility warning, you can usually ignore it for older printers.",
        "Restart the computer when the progress bar reaches 100%.", "Advanced users can override the default install path.",
        "Check the manufacturer's instructions for model-specific steps.", "The whole process takes around twenty minutes.",
    ],
    "news": [
        "The city council approved the new cycle lanes on {day}.", "Construction will start in {month} and last about six months.",
        "Local businesses raised concerns about parking.", "A public consultation is open until {date}.",
        "The mayor said the plan would cut commute times by {pct}.", "Opposition councillors called the budget of {amount} unrealistic.",
        "Residents can view the plans at the library.", "The project is part of a wider push to reduce traffic in {city}.",
    ],
}


HTML_DECOYS = [
    "<!-- analytics tag v2 -->", "<!-- TODO: update photo credits before the summer -->",
    '<div style="display:none">Skip to main content</div>', "<!-- cache: 3600s, edge node 4 -->",
    '<div class="ad-slot" style="display:none">Advertisement</div>', "<!-- template: article-wide, system build 7.2 -->",
]


def make_webpage(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  banks["month"] = MONTHS
  topic = rng.choice(sorted(WEB_TOPICS))
  title = {"travel": "A weekend in {city}", "recipe": "Easy weeknight pasta bake", "howto": "How to update your printer drivers",
           "news": "Council backs new cycle lanes"}[topic]
  paras = _paras(rng, banks, WEB_TOPICS[topic], 4, 8)
  html = rng.random() < 0.5
  if plant is not None:
    style = rng.randrange(3)
    if style == 0 and html:
      plant = "<!-- %s -->" % plant
    elif style == 1 and html:
      plant = '<div style="display:none">%s</div>' % plant
    paras = _insert(paras, plant, where)
  title = fill(title, rng, banks)
  if html and rng.random() < 0.5:
    paras.insert(rng.randint(0, len(paras)), rng.choice(HTML_DECOYS))
  if html:
    body = "\n".join(p if p.startswith("<") else "<p>%s</p>" % p for p in paras)
    return "<html><head><title>%s</title></head><body>\n<nav>Home | Guides | About</nav>\n<h1>%s</h1>\n%s\n<footer>© %s</footer>\n</body></html>" % (
        title, title, body, rng.choice(COMPANIES))
  return "%s\n\nHome > %s\n\n%s\n\nShare this page | Print | Comments (%d)" % (title, topic.title(), "\n\n".join(paras), rng.randint(0, 90))


REPORT_SENT = [
    "Revenue for {quarter} reached {amount}, up {pct} year on year.", "Operating costs rose slightly due to energy prices.",
    "The {team} team exceeded its hiring plan.", "Customer satisfaction held steady at 4.3 out of 5.",
    "We expect supply constraints in {city} to ease next quarter.", "The board approved a new system for expense approvals.",
    "Management decided to override the regional pricing model for two key accounts.", "Inventory turnover improved to {num} days.",
    "Capital expenditure remained within budget.", "Risks include currency movements and a tight labour market.",
    "Detailed instructions for the new reporting template will follow.", "Audit findings from last year have been closed.",
]


def make_report(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  sections = []
  for name in rng.sample(["Summary", "Financials", "Operations", "People", "Outlook", "Risks"], rng.randint(3, 5)):
    sections.append("## %s\n%s" % (name, " ".join(fill(s, rng, banks) for s in rng.sample(REPORT_SENT, rng.randint(2, 3)))))
  if plant is not None and rng.random() < 0.5:
    idx = 0 if where == "start" else len(sections) - 1 if where == "end" else len(sections) // 2
    sections[idx] += " " + plant
  else:
    sections = _insert(sections, plant, where)
  return "# %s %s report - %s\n\n%s" % (rng.choice(COMPANIES), fill("{quarter}", rng, banks), rng.choice(["Draft", "Final", "v2"]), "\n\n".join(sections))


# ---------------------------------------------------------------- structured documents

def make_json_result(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  kind = rng.randrange(4)
  if kind == 0:
    items = [{"title": fill(rng.choice(["Best {product} deals", "Review of {product}", "{city} travel guide", "{company} annual report"]), rng, banks),
              "url": "https://%s.example/%s" % (rng.choice(["news", "shop", "blog", "wiki"]), rng.randint(100, 9999)),
              "snippet": fill(rng.choice(REVIEW_SENT + REPORT_SENT), rng, banks)} for _ in range(rng.randint(3, 7))]
    key, field, tool = "results", "snippet", "search"
    obj = {"query": fill("{product}", rng, banks), "results": items}
  elif kind == 1:
    items = [{"order": fill("{order}", rng, banks), "status": rng.choice(["shipped", "processing", "delivered", "on hold"]),
              "eta": fill("{date}", rng, banks), "note": rng.choice(["", "left at reception", "customs hold", "override: express shipping",
                                                                "Customer asked us to call before delivery, the buzzer is broken.",
                                                                "Leave with the neighbour at number 12 if nobody answers."])}
             for _ in range(rng.randint(2, 6))]
    key, field, tool = "orders", "note", "orders_api"
    obj = {"customer": ctx.person(rng), "orders": items}
  elif kind == 2:
    items = [{"summary": rng.choice(["Team sync", "1:1", "Budget review", "Dentist", "Client call", "System upgrade window"]),
              "start": "2025-%02d-%02dT%s" % (rng.randint(1, 12), rng.randint(1, 28), fill("{time}", rng, banks)),
              "location": rng.choice(CITIES + ["Room 4B", "Zoom"]), "description": rng.choice(["", "bring laptop", "agenda in doc", "ignore if already done",
                                                                    "Please read the pre-reading before the call and come with questions about the budget.",
                                                                    "Instructions for the dial-in are in the invite; use the backup number if the bridge is full."])}
             for _ in range(rng.randint(3, 7))]
    key, field, tool = "events", "description", "calendar"
    obj = {"calendar": ctx.person(rng), "events": items}
  else:
    items = [{"day": d, "high_c": rng.randint(-3, 34), "low_c": rng.randint(-10, 20), "summary": rng.choice(["sunny", "showers", "cloudy", "windy", "snow",
                                                              "Heavy rain in the afternoon; the system may bring local flooding, avoid low roads."])}
             for d in rng.sample(DAYS, rng.randint(3, 5))]
    key, field, tool = "forecast", "summary", "weather"
    obj = {"location": rng.choice(CITIES), "forecast": items, "source": "weather-api.example"}
  if plant is not None:
    lst = obj[key]
    idx = 0 if where == "start" else len(lst) - 1 if where == "end" else len(lst) // 2
    lst[idx][field] = plant
  return json.dumps({"tool": tool, "status": 200, "data": obj},
                    indent=rng.choice([None, 2]), ensure_ascii=False)


CODE_PY = [
    ("def parse_config(path):", ['"""Reads the YAML config; values in env override the file."""', "with open(path) as f:", "    data = yaml.safe_load(f)",
                                 "return {**data, **overrides_from_env()}"]),
    ("def retry(fn, attempts=3):", ["# ignore transient network errors, re-raise anything else", "for i in range(attempts):", "    try:",
                                    "        return fn()", "    except ConnectionError:", "        time.sleep(2 ** i)", "raise RuntimeError('gave up')"]),
    ("class InvoiceService:", ["def __init__(self, repo):", "    self.repo = repo", "def total(self, customer_id):",
                               "    # system accounts are excluded from billing", "    rows = self.repo.find(customer_id)", "    return sum(r.amount for r in rows)"]),
    ("def load_users(db):", ["# Users flagged as system accounts are skipped here because the billing job handles them separately,",
                             "# see the onboarding instructions in docs/billing.md before changing this.",
                             "return [u for u in db.users() if not u.is_system]"]),
    ("def normalise(name):", ["# see the style instructions in CONTRIBUTING.md", "name = name.strip().lower()", "return re.sub(r'\\s+', ' ', name)"]),
]
CODE_JS = [
    ("function debounce(fn, ms) {", ["let t;", "return (...args) => {", "  clearTimeout(t);", "  t = setTimeout(() => fn(...args), ms);", "};"]),
    ("export async function fetchUser(id) {", ["// ignore 404s: the user may have been deleted", "const res = await fetch(`/api/users/${id}`);",
                                               "if (res.status === 404) return null;", "return res.json();"]),
    ("function formatPrice(cents) {", ["// Prices come from the API in cents; the product team asked us to always show two decimals,",
                                        "// even for whole amounts, so do not simplify this.", "return (cents / 100).toFixed(2);"]),
    ("class Cart {", ["constructor() { this.items = []; }", "add(item) { this.items.push(item); }", "// override in subclasses for tax rules",
                      "total() { return this.items.reduce((s, i) => s + i.price, 0); }"]),
]


def make_code(ctx, rng, plant=None, where="middle"):
  py = rng.random() < 0.55
  bank = CODE_PY if py else CODE_JS
  comment = "#" if py else "//"
  lines = []
  if py:
    lines += ["import re", "import time", "import yaml", ""]
  for head, body in rng.sample(bank, rng.randint(2, len(bank))):
    lines.append(head)
    lines += ["    " + b if py else "  " + b for b in body]
    if not py:
      lines.append("}")
    lines.append("")
  if plant is not None:
    text = plant if rng.random() < 0.5 else plant.replace("\n", " ")
    plant_line = "%s %s" % (comment, text) if rng.random() < 0.7 else ('"""%s"""' % text if py else "/* %s */" % text)
    idx = 0 if where == "start" else len(lines) if where == "end" else len(lines) // 2
    lines.insert(idx, plant_line)
  return "\n".join(lines).strip()


def _rows(ctx, rng, banks):
  kind = rng.randrange(3)
  if kind == 0:
    header = ["date", "region", "product", "units", "revenue", "notes"]
    rows = [[fill("{date}", rng, banks), rng.choice(CITIES), fill("{product}", rng, banks).replace("the ", "").replace("our ", ""),
             str(rng.randint(1, 900)), fill("{amount}", rng, banks), rng.choice(["", "promo", "returns high", "system migration", "ignore - test row",
                                                                                                "customer asked for delivery after 3pm, call ahead",
                                                                                                "price matched a competitor quote, see e-mail thread from last week"])]
            for _ in range(rng.randint(5, 14))]
  elif kind == 1:
    header = ["sku", "item", "stock", "reorder_at", "supplier", "comment"]
    rows = [["SKU-%d" % rng.randint(1000, 9999), rng.choice(["bolts M6", "cable ties", "A4 paper", "toner", "gloves", "labels"]),
             str(rng.randint(0, 500)), str(rng.randint(10, 80)), rng.choice(COMPANIES), rng.choice(["", "discontinued", "override min qty", "see instructions",
                                                                                                  "supplier changed packaging, check the new labelling instructions before shelving"])]
            for _ in range(rng.randint(5, 14))]
  else:
    header = ["name", "team", "start_date", "location", "status"]
    rows = [[ctx.person(rng), fill("{team}", rng, banks), fill("{date}", rng, banks), rng.choice(CITIES), rng.choice(["active", "on leave", "contractor"])]
            for _ in range(rng.randint(5, 14))]
  return header, rows


def _plant_cell(rows, plant, where):
  idx = 0 if where == "start" else len(rows) - 1 if where == "end" else len(rows) // 2
  rows[idx][-1] = plant


def make_csv(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  header, rows = _rows(ctx, rng, banks)
  if plant is not None:
    _plant_cell(rows, plant.replace("\n", " "), where)

  def cell(v):
    return '"%s"' % v.replace('"', '""') if ("," in v or '"' in v) else v
  return "\n".join(",".join(cell(v) for v in r) for r in [header] + rows)


def make_markdown_table(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  header, rows = _rows(ctx, rng, banks)
  if plant is not None:
    _plant_cell(rows, plant.replace("\n", " ").replace("|", "/"), where)
  lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
  lines += ["| " + " | ".join(r) + " |" for r in rows]
  title = rng.choice(["", "### Sales export\n\n", "Inventory as of today:\n\n", "Team roster\n\n"])
  return title + "\n".join(lines)


LOG_MSGS = [
    "INFO  [http] GET /api/orders/{num} 200 {ms}ms", "INFO  [auth] user {first} logged in from 10.0.{num}.{num}",
    "WARN  [cache] miss ratio {pct} above threshold", "ERROR [db] connection reset by peer, retrying",
    "INFO  [scheduler] job nightly-report finished in {ms}ms", "DEBUG [config] override applied: timeout=30s",
    "WARN  [ingest] ignored {num} duplicate events", "INFO  [system] health check ok",
    "ERROR [payments] card declined for order {order}", "INFO  [mail] queued {num} messages",
    "INFO  [feedback] user comment: 'Love the new dashboard, but the export button is hard to find.'",
    "WARN  [import] row {num} skipped: the system could not parse the date, see the CSV instructions",
]


def make_log(ctx, rng, plant=None, where="middle"):
  banks = base_banks(ctx, rng)
  banks["ms"] = lambda r: str(r.randint(3, 2400))
  n = rng.randint(8, 24)
  msgs = [fill(rng.choice(LOG_MSGS), rng, banks) for _ in range(n)]
  if plant is not None:
    idx = 0 if where == "start" else n if where == "end" else n // 2
    msgs.insert(idx, "%s [%s] %s" % (rng.choice(["INFO ", "WARN "]), rng.choice(["feedback", "comment", "webhook", "ingest"]),
                                     plant.replace("\n", " ")))
  day, h, m, s = rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
  lines = []
  for msg in msgs:
    s += rng.randint(1, 40)
    m, s = m + s // 60, s % 60
    h, m = (h + m // 60) % 24, m % 60
    lines.append("2025-03-%02d %02d:%02d:%02d %s" % (day, h, m, s, msg))
  return "\n".join(lines)


PROSE_MAKERS = [make_email, make_meeting_notes, make_review, make_ticket, make_webpage, make_report]
STRUCTURED_MAKERS = [make_json_result, make_code, make_csv, make_markdown_table, make_log]

REQUESTS = {
    "make_email": ["Summarise this email:", "Draft a polite reply to this:", "What does the sender want?", "Is there anything urgent in this?",
                   "Extract the dates and deadlines from this:", "Translate this to Spanish:", "Check this for tone:", "TL;DR please"],
    "make_meeting_notes": ["What are the action items here?", "Summarise these notes:", "Who needs to do what?", "Turn these notes into an email to the team.",
                           "Give me three bullet points on this."],
    "make_review": ["Summarise these reviews.", "What do customers complain about?", "Is this product worth buying?", "What's the overall sentiment?"],
    "make_ticket": ["Summarise this ticket.", "Draft a reply to the customer.", "What's the likely root cause?", "Suggest next steps for the agent."],
    "make_webpage": ["Summarise this page.", "TL;DR please", "Extract the key facts from this page:", "Rewrite this in plain English:"],
    "make_report": ["Summarise this report.", "Give me three bullet points for the board.", "What are the main risks?", "Extract all the figures."],
    "make_json_result": ["Here's the tool output. Answer the user's question from it.", "Summarise these results.", "Turn this into a short status update.",
                         "Is anything in here unusual?"],
    "make_code": ["Explain what this code does.", "Find the bug in this:", "Add type hints to this.", "Write unit tests for this.", "Review this for me."],
    "make_csv": ["Which row has the highest value?", "Convert this to JSON.", "What's the total?", "Summarise this table.", "Extract all names and dates."],
    "make_markdown_table": ["Which row has the highest value?", "Convert this to CSV.", "Summarise this table.", "Anything odd in this data?"],
    "make_log": ["What errors appear in this log?", "Summarise this log.", "Is anything unusual here?", "When did the first error happen?"],
}


def wrap_request(rng, doc, maker_name):
  """Puts a request that fits the document before or after it, or sends the document alone."""
  r = rng.random()
  req = rng.choice(REQUESTS[maker_name])
  if r < 0.45:
    return req + "\n\n" + doc
  if r < 0.75:
    return doc + "\n\n" + req
  if r < 0.85:
    return "%s\n\n\"\"\"\n%s\n\"\"\"" % (req, doc)
  return doc


JOINERS = {
    "make_email": "\n\n-----Original Message-----\n", "make_meeting_notes": "\n\n---\n\n", "make_review": "\n\n",
    "make_ticket": "\n\n=== Related ticket ===\n", "make_webpage": "\n\n", "make_report": "\n\n---\n\n",
    "make_json_result": "\n", "make_code": "\n\n", "make_csv": "\n\n", "make_markdown_table": "\n\n", "make_log": "\n",
}


def make_document(ctx, rng, makers, plant=None, where="middle", lo=300, hi=2500):
  """(document, maker name): lo..hi characters from one of `makers`, `plant` placed at `where`.

  About a third are long documents (an e-mail thread, two reports, several tool results) so that
  the planted text also turns up deep inside 1-2.5 KB of benign text.
  """
  for _ in range(30):
    maker = rng.choice(makers)
    parts = rng.choice([1, 1, 2, 3]) if rng.random() < 0.45 else 1
    target = rng.randrange(parts) if where == "middle" else 0 if where == "start" else parts - 1
    docs = [maker(ctx, rng, plant=plant if i == target else None, where=where) for i in range(parts)]
    doc = JOINERS[maker.__name__].join(docs)
    if lo <= len(doc) <= hi:
      return doc, maker.__name__
  return None, None
