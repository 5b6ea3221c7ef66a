-- The backend every Asobi SDK smoke test runs against (sdk_demo_backend's modes): `demo` (2 players, 800x600)
-- and `party` (4 players, 1200x900). Serve it with
--   bin/asobi serve --game-dir examples/sdk-demo
-- and point an SDK's smoke test at http://127.0.0.1:8080 (asobi-js: ASOBI_URL=http://127.0.0.1:8080 npm run smoke).
return {
  demo = "demo.lua",
  party = "party.lua",
}
