// The status page: reads /admin/status, /admin/silences, /admin/deliveries and /admin/mutes every few seconds and
// draws them; the buttons replay a channel's dead letters, send a test message to a channel, lift an item's mute,
// and create, extend and end silences.
"use strict";

const REFRESH_MILLIS = 5000;
const LATEST = 25;

function cell(row, content, className) {
  const td = row.insertCell();
  if (content instanceof Node) {
    td.append(content);
  } else {
    td.textContent = content === undefined || content === null || content === "" ? "–" : String(content);
  }
  if (className) {
    td.className = className;
  }
  return td;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function button(label, action) {
  const b = document.createElement("button");
  b.textContent = label;
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      document.getElementById("action-result").textContent = await action();
    } finally {
      b.disabled = false;
      refresh();
    }
  });
  return b;
}

// Every request that changes something says it comes from this page: the relay refuses those without
// X-Requested-By, which another site cannot make a browser send (docs/security.md, "Admin actions").
async function post(url) {
  return send("POST", url);
}

async function send(method, url, json) {
  const headers = { "X-Requested-By": "status-page" };
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const body = await response.json();
  if (!response.ok) {
    return "Failed: " + (body.error || response.status);
  }
  return body;
}

function drawChannels(channels) {
  const body = document.querySelector("#channels tbody");
  body.replaceChildren();
  for (const channel of channels) {
    const row = body.insertRow();
    row.id = "channel-" + channel.id;
    cell(row, channel.name);
    cell(row, channel.on ? "on" : "off", channel.on ? "on" : "off");
    cell(row, channel.delivered).className = "delivered";
    cell(row, channel.failedAttempts).className = "failed";
    cell(row, channel.queue < 0 ? "?" : channel.queue);
    cell(row, channel.deadLetters < 0 ? "?" : channel.deadLetters, channel.deadLetters > 0 ? "dead-letters failing" : "dead-letters");
    cell(row, when(channel.lastSuccess));
    cell(row, channel.lastFailure ? when(channel.lastFailure) + " (" + channel.lastError + ")" : "");
    const actions = document.createElement("span");
    const replay = button("Replay dead letters", async () => {
      const result = await post("/admin/dead-letters/replay?channel=" + channel.id);
      return typeof result === "string" ? result : channel.name + ": " + result.replayed + " dead letter(s) replayed";
    });
    replay.className = "replay";
    replay.disabled = !(channel.deadLetters > 0);
    const test = button("Send test message", async () => {
      const result = await post("/admin/test-message?channel=" + channel.id);
      return typeof result === "string" ? result : channel.name + ": test message queued";
    });
    test.className = "test-message";
    test.disabled = !channel.on;
    actions.append(replay, test);
    cell(row, actions);
  }
}

function drawDeliveries(deliveries) {
  const body = document.querySelector("#deliveries tbody");
  body.replaceChildren();
  for (const delivery of deliveries) {
    const row = body.insertRow();
    row.dataset.eventId = delivery.eventId;
    cell(row, when(delivery.receivedAt));
    cell(row, delivery.eventType);
    cell(row, delivery.item);
    cell(row, delivery.site);
    const outcomes = document.createElement("span");
    const channels = Object.entries(delivery.channels);
    if (channels.length === 0) {
      const pending = document.createElement("span");
      pending.className = "pending";
      pending.textContent = "waiting";
      outcomes.append(pending);
    }
    for (const [channel, outcome] of channels) {
      const badge = document.createElement("span");
      badge.className = "outcome " + outcome.outcome;
      badge.dataset.channel = channel;
      badge.textContent = channel + ": " + outcome.outcome
          + (outcome.attempts > 1 ? " after " + outcome.attempts + " attempts" : "")
          + (outcome.message ? " in a group" : "")
          + (outcome.reason ? " (" + outcome.reason + ")" : "")
          + (outcome.outcome !== "delivered" && outcome.lastError ? " (" + outcome.lastError + ")" : "");
      outcomes.append(badge);
    }
    cell(row, outcomes);
  }
}

const HOUR_MILLIS = 3600 * 1000;

function drawSilences(silences) {
  const body = document.querySelector("#silences tbody");
  body.replaceChildren();
  document.getElementById("no-silences").hidden = silences.length > 0;
  for (const silence of silences) {
    const row = body.insertRow();
    row.id = "silence-" + silence.id;
    row.dataset.state = silence.state;
    if (silence.state === "expired") {
      row.className = "silence-expired";
    }
    cell(row, silence.state, "state");
    cell(row, ["eventTypes", "items", "projects", "sites", "channels"]
        .filter(field => silence[field].length > 0)
        .map(field => field + " " + silence[field].join(", ")).join("; "));
    cell(row, when(silence.startsAt));
    cell(row, when(silence.endsAt), "ends");
    cell(row, silence.comment);
    cell(row, silence.silenced, "silenced");
    const actions = document.createElement("span");
    if (silence.state !== "expired") {
      const extend = button("+1h", async () => {
        const result = await send("PATCH", "/admin/silences/" + silence.id,
            { endsAt: new Date(Date.parse(silence.endsAt) + HOUR_MILLIS).toISOString() });
        return typeof result === "string" ? result : "Silence extended until " + when(result.endsAt);
      });
      extend.className = "extend";
      const end = button("End", async () => {
        const result = await send("DELETE", "/admin/silences/" + silence.id);
        return typeof result === "string" ? result : "Silence ended";
      });
      end.className = "end";
      actions.append(extend, end);
    }
    cell(row, actions);
  }
}

document.getElementById("new-silence").addEventListener("submit", async event => {
  event.preventDefault();
  const form = event.target;
  const silence = {};
  for (const [name, value] of new FormData(form)) {
    if (value.trim() !== "") {
      silence[name] = value.trim();
    }
  }
  const result = await send("POST", "/admin/silences", silence);
  document.getElementById("action-result").textContent =
      typeof result === "string" ? result : "Silence created until " + when(result.endsAt);
  refresh();
});

function drawGroups(groups) {
  const body = document.querySelector("#groups tbody");
  body.replaceChildren();
  document.getElementById("no-groups").hidden = groups.length > 0;
  for (const group of groups) {
    const row = body.insertRow();
    cell(row, group.channel);
    cell(row, group.folded ? group.group + " (folded past the cap)" : group.group);
    cell(row, group.events);
    cell(row, when(group.closesAt));
  }
}

function drawMutes(mutes) {
  const body = document.querySelector("#mutes tbody");
  body.replaceChildren();
  document.getElementById("no-mutes").hidden = mutes.length > 0;
  for (const mute of mutes) {
    const row = body.insertRow();
    row.dataset.item = mute.item;
    cell(row, mute.name);
    cell(row, mute.by);
    cell(row, when(mute.at));
    cell(row, mute.until ? when(mute.until) : "it recovers");
    const lift = button("Lift", async () => {
      const result = await post("/admin/mutes/lift?item=" + encodeURIComponent(mute.item));
      return typeof result === "string" ? result : mute.name + ": mute lifted";
    });
    lift.className = "lift";
    cell(row, lift);
  }
}

function drawRegistration(registration) {
  const text = document.getElementById("registration");
  const body = document.querySelector("#webhooks tbody");
  body.replaceChildren();
  if (!registration.on) {
    text.textContent = "Registration is off (tableau.server-url is empty, or a setting it needs is missing).";
    return;
  }
  text.textContent = registration.lastRun
      ? "Last checked " + when(registration.lastRun) + ": "
        + (registration.lastError ? "failed, " + registration.lastError : registration.lastResult)
      : "Not checked yet.";
  for (const webhook of registration.webhooks) {
    const row = body.insertRow();
    cell(row, webhook.name);
    cell(row, webhook.event);
    cell(row, webhook.enabled ? "enabled" : "disabled by Tableau: " + (webhook.statusChangeReason || "no reason given"),
        webhook.enabled ? "on" : "failing");
  }
}

async function refresh() {
  try {
    const [status, log, silences] = await Promise.all([
      fetch("/admin/status").then(response => response.json()),
      fetch("/admin/deliveries?limit=" + LATEST).then(response => response.json()),
      fetch("/admin/silences").then(response => response.json())
    ]);
    drawChannels(status.channels);
    drawSilences(silences.silences);
    drawGroups(status.groups);
    drawDeliveries(log.deliveries);
    drawRegistration(status.registration);
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
    // the mutes on their own: a broker that does not answer about them leaves the rest of the page as it is
    fetch("/admin/mutes").then(response => response.json()).then(body => drawMutes(body.mutes || []))
        .catch(() => {});
  } catch (error) {
    document.getElementById("updated").textContent = "could not reach the relay: " + error;
  }
}

refresh();
setInterval(refresh, REFRESH_MILLIS);
