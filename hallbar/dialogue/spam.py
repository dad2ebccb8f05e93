"""What keeps automated and flooding posts out of the dialogue, without a third-party captcha:

- a **honeypot** field (``HONEYPOT``) that people never see (hidden by CSS and from screen readers);
  a filled one means a bot,
- a **signed start token** put into the form when the page is built: it names the goal and the time,
  so a post must come from a page of that goal and not faster than ``HALLBAR_DIALOGUE_MIN_FILL_SECONDS``
  after it was built (cached pages only make the token older, never younger), and not older than
  ``TOKEN_MAX_AGE``,
  Each token is accepted once (``spend_token``),
- **rate limits** in Django's cache: per visitor address (hashed; ``REMOTE_ADDR``, or behind
  ``HALLBAR_TRUSTED_PROXIES`` reverse proxies the address they put into ``X-Forwarded-For``) and per goal,
  each a number of valid posts per window (``HALLBAR_DIALOGUE_RATE_PER_ADDRESS``,
  ``HALLBAR_DIALOGUE_RATE_PER_GOAL``, ``HALLBAR_DIALOGUE_RATE_WINDOW_SECONDS``). A visitor over its own
  limit does not count against the goal, so one sender cannot close a goal to everyone.

Nothing gets past moderation anyway; these checks keep the moderators' queue clean.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

HONEYPOT = "website"
TOKEN_MAX_AGE = 24 * 60 * 60
SALT = "hallbar.dialogue.start"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def start_token(goal_id: int, now: float | None = None) -> str:
    """The signed ``<goal>:<unix time>:<nonce>`` put into the form when the page is built (the nonce makes
    every token unique, so each can be spent once)."""
    stamp = int(time.time() if now is None else now)
    return signing.Signer(salt=SALT).sign(f"{goal_id}:{stamp}:{secrets.token_hex(8)}")


def token_problem(token: str, goal_id: int, now: float | None = None) -> str | None:
    """``None`` when the token is genuine, for this goal, old enough and not too old; else why not
    (``invalid``, ``other-goal``, ``too-fast``, ``expired``)."""
    try:
        value = signing.Signer(salt=SALT).unsign(token or "")
        token_goal, stamp, _nonce = value.split(":")
        age = (time.time() if now is None else now) - int(stamp)
    except (signing.BadSignature, ValueError):
        return "invalid"
    if token_goal != str(goal_id):
        return "other-goal"
    if age < _setting("HALLBAR_DIALOGUE_MIN_FILL_SECONDS", 3):
        return "too-fast"
    if age > TOKEN_MAX_AGE:
        return "expired"
    return None


def spend_token(token: str) -> bool:
    """Mark a genuine token as used; False when it was used before (a replayed post)."""
    return cache.add(f"dialogue-token:{hashlib.sha256(token.encode()).hexdigest()}", 1, TOKEN_MAX_AGE)


def visitor_address(request) -> str:
    """The visitor's address: behind N trusted reverse proxies, the N-th address from the right of
    X-Forwarded-For (the one the outermost trusted proxy saw); else REMOTE_ADDR."""
    proxies = _setting("HALLBAR_TRUSTED_PROXIES", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def visitor_key(request) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{visitor_address(request)}".encode()).hexdigest()[:32]


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one post under ``key``; False when the limit for the window is already reached."""
    if cache.add(key, 1, window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return True
    return count <= limit


def within_rate_limits(request, goal_id: int) -> bool:
    """Count this post against the visitor's and the goal's limits; False when either is exceeded."""
    window = _setting("HALLBAR_DIALOGUE_RATE_WINDOW_SECONDS", 60 * 60)
    visitor = f"dialogue-rate:visitor:{visitor_key(request)}"
    if not _hit(visitor, _setting("HALLBAR_DIALOGUE_RATE_PER_ADDRESS", 5), window):
        return False  # not counted against the goal: one sender cannot close it to everyone
    return _hit(f"dialogue-rate:goal:{goal_id}", _setting("HALLBAR_DIALOGUE_RATE_PER_GOAL", 50), window)
