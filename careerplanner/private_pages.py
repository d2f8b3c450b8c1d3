"""Pages for a logged-in person are theirs alone: no shared cache may keep them, and the
browser asks again before reusing one (so Back after logging out shows nothing stale)."""

from django.utils.cache import patch_cache_control


def private_pages(get_response):
    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    return middleware
