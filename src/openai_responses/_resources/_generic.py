"""Generic handlers, one per route kind: every row of the route table answers through one of these
unless a resource has behaviour of its own (``OVERRIDES``).

Stateful resources (those with an item route ``/collection/{id}``) keep their objects in the
mock's ``StateStore``: create stores, retrieve/update/delete act on the stored object (404 when
unknown, or when it lives under another parent), list pages through the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import httpx

from .._engine import Context
from .._lifecycle import SPECS, finish_hook, stamp_end
from .._merge import merge
from .._objects import admits, build, conform, copy_request_fields, to_json, to_model
from .._request import UploadedFile
from .._routes import resolve_ref
from .._routes.resources import noun, parent_resources, path_owners, resources
from .._settings import is_sdk_model
from .._wire import APIErrorAnswer, json_response, not_found
from ..stores import Page, ResourceStore


def respond(context: Context, obj: Any, status: int = 200) -> httpx.Response:
    """JSON, or an SSE stream when the request asked for one."""
    if context.stream_requested:
        from ..streaming import stream_response

        return stream_response(context, obj)
    return json_response(status, obj)


def _item_id(context: Context) -> str | None:
    resource = resources().get(context.endpoint.resource or "")
    if resource is None or resource.id_param is None:
        return None
    return context.path_params.get(resource.id_param)


def _parents(context: Context) -> tuple[str, ...]:
    resource = resources().get(context.endpoint.resource or "")
    if resource is None:
        return ()
    return tuple(context.path_params[key] for key in resource.parent_keys if key in context.path_params)


def check_parents(context: Context) -> None:
    """404 when a parent in the path (the thread of a message) does not exist; for a route that
    keeps no state of its own, when an object its path names does not exist (the job of
    ``fine_tuning.jobs.list_events``)."""
    resource = context.endpoint.resource
    owners = parent_resources(resource) if resource is not None else path_owners(context.endpoint)
    for key, parent in owners:
        value = context.path_params.get(key)
        if value is None:
            continue
        store = context.state.store(parent)
        grand_parents = tuple(
            context.path_params[k] for k, _ in parent_resources(parent) if k in context.path_params
        )
        if store.get(value, *grand_parents) is None:
            raise not_found(noun(parent), value, param=key)


def stored_object(context: Context) -> tuple[ResourceStore, str, Any]:
    """The object the path names, or the API's 404."""
    check_parents(context)
    store = context.store()
    object_id = _item_id(context)
    if object_id is None:
        raise APIErrorAnswer(404, f"Invalid URL ({context.request.method} {context.request.url.path})")
    obj = store.get(object_id, *_parents(context))
    if obj is None:
        raise not_found(noun(store.name), object_id)
    return store, object_id, obj


def on_route(
    context: Context, sdk_path: str, path_params: dict[str, str], params: dict[str, Any] | None = None
) -> Context:
    """The same call seen as a call of another route (with these path parameters, and ``params`` as
    its body when given): a handler acting on a related resource (the thread and run that
    ``beta.threads.create_and_run`` creates, the files a vector-store poll advances) reuses that
    route's generic behaviour and lifecycle."""
    from dataclasses import replace

    from .._routes.matching import route_index

    endpoint = route_index().by_sdk_path[sdk_path]
    body = context.params if params is None else params
    return replace(context, endpoint=endpoint, path_params=path_params, params=body)


def _resource_model(context: Context) -> Any:
    resource = resources().get(context.endpoint.resource or "")
    if resource is None or resource.model is None:
        return context.model
    try:
        return resolve_ref(resource.model)
    except (ImportError, AttributeError):
        return context.model


def _parent_fields(context: Context, model: Any) -> dict[str, Any]:
    """Path parents the object names itself (a message's ``thread_id``)."""
    fields = getattr(model, "model_fields", None) or {}
    return {key: value for key, value in context.path_params.items() if key in fields}


def _finish(context: Context, store: ResourceStore, object_id: str, obj: dict[str, Any]) -> dict[str, Any]:
    """Walk a long-running object one poll further along its lifecycle."""
    resource = context.endpoint.resource or ""
    spec = SPECS.get(resource)
    status = obj.get("status")
    if spec is None or not isinstance(status, str):
        return obj
    extra = store.extra(object_id)
    new_status, polls = context.mock._lifecycles.advance(
        resource, status, extra.get("polls", 0), end=extra.get("end")
    )
    extra["polls"] = polls
    if new_status == status:
        return obj
    obj = dict(obj)
    obj["status"] = new_status
    model = _resource_model(context)
    stamp_end(obj, new_status, getattr(model, "model_fields", None))
    config = context.mock._lifecycles.config(resource)
    if new_status not in (spec.success, spec.running) and config.error is not None and spec.error_field:
        obj[spec.error_field] = config.error
    hook = finish_hook(resource)
    if hook is not None:
        obj = hook(context, obj, new_status) or obj
    store.put(to_model(model, obj), *(store.parents(object_id) or ()))
    return obj


# -- the kinds ----------------------------------------------------------------------------------


def create(context: Context, setting: Any) -> httpx.Response:
    return respond(context, new_object(context, setting))


def new_object(context: Context, setting: Any, derived: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Build the object a create answers and store it (stateful resources); return its JSON.

    ``derived`` are values a resource's own handler derives from the request (a message's content
    blocks, a run's model inherited from its assistant): they win over the copied request fields
    and lose to the user's partial.
    """
    check_parents(context)
    model = context.model
    if is_sdk_model(setting):
        obj = to_json(setting)
        stored = setting
    else:
        fixed = _parent_fields(context, model)
        spec = SPECS.get(context.endpoint.resource or "")
        if spec is not None and "status" in (getattr(model, "model_fields", None) or {}):
            fixed["status"] = spec.initial
        upload = _uploaded_file(context.params)
        fields = getattr(model, "model_fields", None) or {}
        if upload is not None:
            # a multipart upload: the object describes the file that was sent
            fixed.update(_known_fields(model, {"filename": upload.filename, "bytes": len(upload.content)}))
            purpose = context.params.get("purpose")
            if "purpose" in fields and isinstance(purpose, str) and admits(model, "purpose", purpose):
                fixed["purpose"] = purpose
        if derived:
            fixed.update(derived)
        obj = build(model, context.params, setting, **fixed)
        stored = None
    if context.endpoint.resource is not None and isinstance(obj.get("id"), str):
        store = context.store()
        store.put(stored if stored is not None else to_model(model, obj), *_parents(context))
        upload = _uploaded_file(context.params)
        if upload is not None:
            store.put_content(obj["id"], upload.content)
    result: dict[str, Any] = obj
    return result


def _uploaded_file(params: dict[str, Any]) -> UploadedFile | None:
    for value in params.values():
        if isinstance(value, UploadedFile):
            return value
    return None


def retrieve(context: Context, setting: Any) -> httpx.Response:
    if context.endpoint.resource is None or _item_id(context) is None:
        if is_sdk_model(setting):
            return respond(context, to_json(setting))
        return respond(context, build(context.model, None, setting, **_parent_fields(context, context.model)))
    store, object_id, stored = stored_object(context)
    if is_sdk_model(setting):
        store.put(setting, *_parents(context))
        return respond(context, to_json(setting))
    obj = _finish(context, store, object_id, to_json(stored))
    if setting:
        obj = merge(obj, setting)
    return respond(context, obj)


def update(context: Context, setting: Any, *, fields: Mapping[str, Any] | None = None) -> httpx.Response:
    """Request fields copied onto the stored object; ``fields`` as in :func:`new_object`."""
    if context.endpoint.resource is None or _item_id(context) is None:
        return action(context, setting)
    store, _, stored = stored_object(context)
    if is_sdk_model(setting):
        store.put(setting, *_parents(context))
        return respond(context, to_json(setting))
    model = _resource_model(context)
    obj = copy_request_fields(dict(to_json(stored)), context.params, model)
    if "metadata" in context.params and context.params["metadata"] is not None:
        obj["metadata"] = context.params["metadata"]
    if fields:
        obj.update(fields)
    if setting:
        obj = merge(obj, setting)
    store.put(to_model(model, obj), *_parents(context))
    return respond(context, obj)


def delete(context: Context, setting: Any) -> httpx.Response:
    object_id = _item_id(context)
    if context.endpoint.resource is not None and object_id is not None:
        store, object_id, _ = stored_object(context)
        store.delete(object_id)
    if is_sdk_model(setting):
        return respond(context, to_json(setting))
    fixed: dict[str, Any] = {"deleted": True}
    if object_id is not None:
        fixed["id"] = object_id
    model = context.model
    if model is None:
        return json_response(200, {"id": object_id, "deleted": True})
    return respond(context, build(model, None, setting, **_known_fields(model, fixed)))


def _known_fields(model: Any, values: dict[str, Any]) -> dict[str, Any]:
    fields = getattr(model, "model_fields", None) or {}
    return {key: value for key, value in values.items() if key in fields}


def list(
    context: Context,
    setting: Any,
    *,
    where: Callable[[Any], bool] | None = None,
    default_limit: int = 20,
) -> httpx.Response:
    """One page of the stored objects; ``where`` keeps those a list's filter asks for."""
    if is_sdk_model(setting):
        return json_response(200, to_json(setting))
    query = context.query
    if context.endpoint.resource is not None:
        check_parents(context)
        parents = tuple(context.path_params.values())
        page = context.store().list(
            *parents,
            limit=_int(query.get("limit"), default_limit),
            order=query.get("order", "desc"),
            after=query.get("after") or query.get("page"),
            before=query.get("before"),
            where=where,
        )
        model = context.model
        # items are stored in the resource's shape; the list route may answer another one
        same_shape = model is _resource_model(context)
        data = [to_json(item) if same_shape else conform(model, to_json(item)) for item in page.data]
        body = page_body(context, data, page)
    else:
        body = page_body(context, [build(context.model)], Page(data=[], has_more=False))
    if setting:
        body = merge(body, setting)
    return json_response(200, body)


def list_matching(
    context: Context, setting: Any, *, query: str, field: str, default_limit: int = 20
) -> httpx.Response:
    """A list whose query parameter ``query`` (``run_id``, ``purpose``, ``filter``) keeps only the
    objects whose ``field`` equals it."""
    wanted = context.query.get(query)
    if not wanted:
        return list(context, setting, default_limit=default_limit)
    return list(
        context,
        setting,
        where=lambda item: to_json(item).get(field) == wanted,
        default_limit=default_limit,
    )


def page_body(context: Context, data: Any, page: Page) -> dict[str, Any]:
    """The JSON of one page, in the shape of the route's page type."""
    kind = context.endpoint.page
    first = data[0].get("id") if data and isinstance(data[0], dict) else None
    last = data[-1].get("id") if data and isinstance(data[-1], dict) else None
    if kind == "page":
        return {"object": "list", "data": data}
    if kind in ("next_cursor", "token"):
        return {
            "object": "list",
            "data": data,
            "has_more": page.has_more,
            "next": last if page.has_more else None,
        }
    return {"object": "list", "data": data, "first_id": first, "last_id": last, "has_more": page.has_more}


def _int(value: str | None, default: int) -> int:
    try:
        if value is not None and not value.isascii():
            raise ValueError(value)  # int() reads "١٢" as 12; the API takes ASCII digits only
        return int(value) if value is not None else default
    except ValueError:
        raise APIErrorAnswer(
            400, f"Invalid 'limit': expected an integer, got '{value}'.", param="limit"
        ) from None


def action(context: Context, setting: Any) -> httpx.Response:
    if is_sdk_model(setting):
        return respond(context, to_json(setting))
    if context.endpoint.resource is not None and _item_id(context) is not None:
        store, object_id, stored = stored_object(context)
        resource_model = _resource_model(context)
        if context.model is resource_model:
            obj = dict(to_json(stored))
            name = context.endpoint.sdk_path.rsplit(".", 1)[-1]
            if name == "cancel" and isinstance(obj.get("status"), str):
                obj["status"] = _cancelled_status(context, obj["status"])
                stamp_end(obj, obj["status"], getattr(resource_model, "model_fields", None))
            copy_request_fields(obj, context.params, resource_model)
            if setting:
                obj = merge(obj, setting)
            store.put(to_model(resource_model, obj), *(store.parents(object_id) or ()))
            return respond(context, obj)
    if context.endpoint.page is not None:
        # a POST answered with a page (``vector_stores.search``, ``certificates.activate``): the
        # model is the page's item model, so answer a page of one item
        item = build(context.model, context.params, None, **_parent_fields(context, context.model))
        body = page_body(context, [item], Page(data=[], has_more=False))
        return json_response(200, merge(body, setting) if setting else body)
    return respond(
        context, build(context.model, context.params, setting, **_parent_fields(context, context.model))
    )


def _cancelled_status(context: Context, status: str) -> str:
    spec = SPECS.get(context.endpoint.resource or "")
    if spec is not None and status in spec.ends:
        raise APIErrorAnswer(
            400,
            f"Cannot cancel a {noun(context.endpoint.resource or '')} with status '{status}'.",
        )
    if context.endpoint.resource in ("batches", "beta.threads.runs"):
        return "cancelling"
    if context.endpoint.resource == "evals.runs":
        return "canceled"
    return "cancelled"


#: bytes answered by binary routes with nothing stored (audio, videos ...)
DEFAULT_BYTES = b"openai-responses mock content\n"


def content(context: Context, setting: Any) -> httpx.Response:
    body: bytes | None = None
    if context.endpoint.resource is not None and _item_id(context) is not None:
        store, object_id, _ = stored_object(context)
        body = store.get_content(object_id)
    if isinstance(setting, bytes | bytearray):
        body = bytes(setting)
    if body is None:
        body = DEFAULT_BYTES
    return httpx.Response(200, headers=[("content-type", "application/octet-stream")], content=body)
