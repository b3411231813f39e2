"""The one template of the views per domain, imported by the revisions"""
from string import Template

VIEW_SQL = Template("""
CREATE MATERIALIZED VIEW $view_name AS
SELECT id, stars FROM repos WHERE domain = '$domain'
""")
