"""The visitor's address behind the documented proxies, shared by login throttling and the
rate limits of the proposal and contact forms."""

from django.conf import settings


def client_ip(request):
    """The client's address: from X-Forwarded-For only when the hub is behind proxies.

    ``HUB_PROXY_COUNT`` is how many proxies the deployment puts in front of gunicorn
    (docs/deploy.md). Each proxy appends the address it saw, so the client is the n-th entry
    from the right; anything further left was written by the client and is not trusted.
    """
    proxies = settings.HUB_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
