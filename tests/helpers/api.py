"""Requests to the headless API, on the host of a URL layout."""


def get(client, path, host=None, **params):
    """``GET path?params`` over HTTPS on ``host`` (the request's Site), or the default host."""
    headers = {"HTTP_HOST": host, "secure": True} if host else {}
    return client.get(path, params, **headers)
