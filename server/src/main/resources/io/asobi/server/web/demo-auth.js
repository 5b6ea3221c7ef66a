"use strict";
// Shared by the demo pages: REST calls and sign-in (asobi-spec §3.1). signIn(kind) returns the auth response
// ({player_id, access_token, ...}); "quick" registers a random user once and keeps it in localStorage.
async function api(method, path, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((data.error && data.error.code) || ("HTTP " + res.status));
  return data;
}

async function demoSignIn(kind) {
  if (kind === "quick") {
    let saved = JSON.parse(localStorage.getItem("asobi-demo-user") || "null");
    if (!saved) {
      saved = { username: "demo-" + Math.random().toString(16).slice(2, 10), password: crypto.randomUUID() };
      const auth = await api("POST", "/api/v1/auth/register", saved);
      localStorage.setItem("asobi-demo-user", JSON.stringify(saved));
      return auth;
    }
    return api("POST", "/api/v1/auth/login", saved).catch(() => api("POST", "/api/v1/auth/register", saved));
  }
  const username = document.getElementById("username").value.trim();
  const password = document.getElementById("password").value;
  return api("POST", "/api/v1/auth/" + kind, { username, password });
}
