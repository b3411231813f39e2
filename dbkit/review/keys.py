"""A table's own key in the ``id_<name>`` style (GeoNature's ``bib_fields.id_field``).

A column that only identifies a row carries no value of its own: an earlier copy that takes
of a table only such keys keeps none of its rows, and a DELETE whose WHERE pins every other
column of a row whose own key is a serial loses nothing a reader could not write again.
"""

from __future__ import annotations

from collections.abc import Mapping

from dbkit.review.ops import ColumnInfo


def own_keys(table: str) -> frozenset[str]:
    """The names a table's own key takes in the ``id_<name>`` style: ``id_field`` of
    bib_fields, ``id_filter_type`` of bib_filters_type (GeoNature bd73fa82a3f4: an earlier
    INSERT INTO cor_entity_field took only bib_fields.id_field, a link, no copy of a row)."""
    words = [w.removesuffix("s") for w in table.rpartition(".")[2].lower().split("_") if w]
    return frozenset("id_" + "_".join(words[i:]) for i in range(len(words)))


def surrogates(table: str | None, columns: Mapping[str, ColumnInfo]) -> set[str]:
    """The columns of ``table`` that are its own key and filled by a sequence (serial,
    identity): GeoNature 497f52d996dd deletes bib_widgets' row ``widget_name = 'bool_radio'``,
    (id_widget serial, widget_name): the WHERE holds all the row has."""
    own = own_keys(table or "")
    return {c for c, info in columns.items() if c.lower() in own and info.server_default}
