"""What keeps automated and flooding posts out of the dialogue, without a third-party captcha:

- a **honeypot** field (``HONEYPOT``) that people never see (hidden by CSS and from screen readers);
  a filled one means a bot,
- a **signed start token** put into the form when the page is built: it names the goal and the time,
  so a post must come from a page of that goal and not faster than ``HALLBAR_DIALOGUE_MIN_FILL_SECONDS``
  after it was built (cached pages only make the token older, never younger), and not older than
  ``TOKEN_MAX_AGE``,
- **rate limits** in Django's cache: per visitor address (``REMOTE_ADDR``, hashed; forwarded headers are
  not trusted) and per goal, each a number of posts per window (``HALLBAR_DIALOGUE_RATE_PER_ADDRESS``,
  ``HALLBAR_DIALOGUE_RATE_PER_GOAL``, ``HALLBAR_DIALOGUE_RATE_WINDOW_SECONDS``).

Nothing gets past moderation anyway; these checks keep the moderators' queue clean.
"""

import hashlib
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
    """The signed ``<goal>:<unix time>`` put into the form when the page is built."""
    stamp = int(time.time() if now is None else now)
    return signing.Signer(salt=SALT).sign(f"{goal_id}:{stamp}")


def token_problem(token: str, goal_id: int, now: float | None = None) -> str | None:
    """``None`` when the token is genuine, for this goal, old enough and not too old; else why not
    (``invalid``, ``other-goal``, ``too-fast``, ``expired``)."""
    try:
        value = signing.Signer(salt=SALT).unsign(token or "")
        token_goal, stamp = value.split(":")
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


def visitor_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


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
    by_visitor = _hit(
        f"dialogue-rate:visitor:{visitor_key(request)}", _setting("HALLBAR_DIALOGUE_RATE_PER_ADDRESS", 5), window
    )
    by_goal = _hit(f"dialogue-rate:goal:{goal_id}", _setting("HALLBAR_DIALOGUE_RATE_PER_GOAL", 50), window)
    return by_visitor and by_goal
