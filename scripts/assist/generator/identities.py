"""Identities: the identity links and consent records of persons.

Links pair a user with the cookies and devices they logged in on (shared
devices too), with their email (CRM) and a device with a cookie (app web
views); some exports list a pair the other way round. Consents record the
analytics and marketing choices of users, cookies, devices and emails, with
withdrawals during the period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assist.generator.contract import (
    ANALYTICS,
    ID_ANON,
    ID_DEVICE,
    ID_EMAIL,
    ID_TYPES,
    ID_USER,
    MARKETING,
    PURPOSES,
)
from assist.generator.defects import inject
from assist.generator.frames import DAY, NEVER, Frame, concat, constant_rows, styles
from assist.generator.people import anon_text, device_text, hash_text, user_text
from assist.generator.render import enum_text, timestamp_text, vocab_text

if TYPE_CHECKING:
    from assist.generator.simulation import World


def write_identity_links(world: World, sessions: Frame) -> None:
    ctx, people, rng = world.ctx, world.people, world.ctx.rng
    past = (
        ctx.start
        - rng.integers(1, 400, people.n) * DAY
        + rng.integers(0, DAY, people.n)
    )
    parts: list[Frame] = []

    def link(
        type_a: int,
        a: np.ndarray,
        type_b: int,
        b: np.ndarray,
        at: np.ndarray,
        source: int,
    ) -> None:
        parts.append(
            constant_rows(type_a=type_a, a=a, type_b=type_b, b=b, at=at, source=source)
        )

    # Web logins: the user and each cookie of a person who logged in.
    anon_person = people.anon_person
    login = people.web_login[anon_person]
    ok = (
        (people.user_num[anon_person] >= 0)
        & (login < ctx.stop)
        & (rng.random(len(anon_person)) < 0.7)
    )
    rows = np.flatnonzero(ok)
    at = np.where(login[rows] > 0, login[rows], past[anon_person[rows]])
    link(ID_USER, anon_person[rows], ID_ANON, rows, at, 0)
    # App logins: the user and each device (shared devices too).
    device_person = people.device_person
    real = device_person >= 0
    login = np.where(real, people.app_login[np.maximum(device_person, 0)], NEVER)
    ok = (
        real
        & (people.user_num[np.maximum(device_person, 0)] >= 0)
        & (login < ctx.stop)
        & (rng.random(len(device_person)) < 0.8)
    )
    rows = np.flatnonzero(ok)
    at = np.where(login[rows] > 0, login[rows], past[device_person[rows]])
    link(ID_USER, device_person[rows], ID_DEVICE, rows, at, 1)
    for device, users in zip(people.shared_devices, people.shared_users, strict=True):
        link(
            ID_USER,
            users,
            ID_DEVICE,
            np.full(len(users), device),
            ctx.start + rng.integers(0, DAY, len(users)),
            1,
        )
    # CRM matches of accounts and email addresses.
    crm = np.flatnonzero(people.known & (rng.random(people.n) < 0.9))
    link(ID_USER, crm, ID_EMAIL, crm, past[crm] + 60, 2)
    # Web views of the app: device and cookie of one person.
    both = np.flatnonzero(
        (people.dev_count > 0) & (people.anon_count > 0) & (rng.random(people.n) < 0.1)
    )
    link(
        ID_DEVICE,
        people.dev_first[both],
        ID_ANON,
        people.anon_first[both],
        ctx.times(len(both)),
        3,
    )
    frame = concat(parts)
    n = len(frame["a"])
    # Some exports list the pair the other way round; a few lack linked_at.
    swap = rng.random(n) < 0.1
    for left, right in (("type_a", "type_b"), ("a", "b")):
        frame[left], frame[right] = (
            np.where(swap, frame[right], frame[left]),
            np.where(swap, frame[left], frame[right]),
        )
    frame["at"] = np.where(rng.random(n) < 0.05, -1, frame["at"])
    frame["style"], frame["ts_style"] = styles(rng, n)
    frame, defect, stats = inject(world, "identity_links", frame, None, None)
    linked = frame["at"] >= 0
    at_text = timestamp_text(
        np.where(linked, frame["at"], ctx.start), frame["ts_style"]
    )
    at_text = pc.if_else(pa.array(linked), at_text, pa.nulls(len(linked), pa.string()))
    world.shared_device_ids = [
        device_text(np.array([d]), people, world.widths)[0].as_py()
        for d in people.shared_devices
    ]
    columns = {
        "id_type_a": enum_text(frame["type_a"], ID_TYPES, frame["style"]),
        "id_a": identifier_text(world, frame["type_a"], frame["a"]),
        "id_type_b": enum_text(frame["type_b"], ID_TYPES, frame["style"]),
        "id_b": identifier_text(world, frame["type_b"], frame["b"]),
        "linked_at": at_text,
        "source": vocab_text(
            frame["source"], ("web_login", "app_login", "crm", "webview")
        ),
    }
    world.writer.write("identity_links", columns, defect, stats)


def identifier_text(world: World, kind: np.ndarray, value: np.ndarray) -> pa.Array:
    """Identifier text by type: value is a person (user, email), a device
    index or a cookie index."""
    people, widths = world.people, world.widths
    n = len(kind)
    pieces = []
    where = []
    for code in range(len(ID_TYPES)):
        rows = np.flatnonzero(kind == code)
        where.append(rows)
        part = value[rows]
        if code == ID_USER:
            pieces.append(user_text(people.user_num[part], widths))
        elif code == ID_EMAIL:
            pieces.append(hash_text(part, np.zeros(len(part), bool), people))
        elif code == ID_DEVICE:
            pieces.append(device_text(part, people, widths))
        else:
            pieces.append(anon_text(part, people, widths))
    combined = pa.concat_arrays([p.cast(pa.large_string()) for p in pieces])
    position = np.empty(n, dtype=np.int64)
    position[np.concatenate(where)] = np.arange(n)
    return combined.take(pa.array(position)).cast(pa.string())


def write_consents(world: World) -> None:
    ctx, people, rng = world.ctx, world.people, world.ctx.rng
    parts: list[Frame] = []

    def record(
        kind: int,
        value: np.ndarray,
        purpose: int,
        granted: np.ndarray,
        at: np.ndarray,
    ) -> None:
        parts.append(
            constant_rows(
                kind=kind,
                value=value,
                purpose=purpose,
                granted=granted.astype(np.int8),
                at=at,
            )
        )

    def prompted(kind: int, ids: np.ndarray, granted: float, days: int) -> None:
        """Analytics consents given at a prompt about `days` before."""
        given = rng.random(len(ids)) < granted
        record(kind, ids, ANALYTICS, given, ctx.times(len(ids)) - days * DAY)

    known = np.flatnonzero(people.known)
    signed_up = (
        ctx.start
        - rng.integers(1, 500, len(known)) * DAY
        + rng.integers(0, DAY, len(known))
    )
    analytics = rng.random(len(known)) < 0.93
    record(ID_USER, known, ANALYTICS, analytics, signed_up)
    record(ID_USER, known, MARKETING, rng.random(len(known)) < 0.75, signed_up + 1)
    # Withdrawals: granted earlier, withdrawn during the period.
    withdrawn = analytics & (rng.random(len(known)) < 0.03)
    record(
        ID_USER,
        known[withdrawn],
        ANALYTICS,
        np.zeros(int(withdrawn.sum()), bool),
        ctx.times(int(withdrawn.sum())),
    )
    # Cookie banners and app tracking prompts of anonymous identifiers.
    cookies = np.flatnonzero(rng.random(len(people.anon_person)) < 0.5)
    prompted(ID_ANON, cookies, 0.85, 30)
    devices = np.flatnonzero(
        (people.device_person >= 0) & (rng.random(len(people.device_person)) < 0.3)
    )
    prompted(ID_DEVICE, devices, 0.8, 60)
    with_email = rng.random(len(known)) < 0.2
    record(
        ID_EMAIL,
        known[with_email],
        MARKETING,
        rng.random(int(with_email.sum())) < 0.9,
        signed_up[with_email] + 120,
    )
    frame = concat(parts)
    n = len(frame["value"])
    frame["style"], frame["ts_style"] = styles(rng, n)
    frame, defect, stats = inject(world, "consents", frame, None, None)
    columns = {
        "id_type": enum_text(frame["kind"], ID_TYPES, frame["style"]),
        "id": identifier_text(world, frame["kind"], frame["value"]),
        "purpose": enum_text(frame["purpose"], PURPOSES, frame["style"]),
        "granted": vocab_text(frame["granted"].astype(np.int64), ("false", "true")),
        "updated_at": timestamp_text(frame["at"], frame["ts_style"]),
    }
    world.writer.write("consents", columns, defect, stats)
