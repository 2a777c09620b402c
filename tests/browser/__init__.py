"""Page tests: in-process through TestClient, and in a real browser (chromium + Playwright)."""
