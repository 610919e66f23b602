"""The tables and columns of a case made by this version's migrations.

Written by `python -m negotiations_gui.store.write_expected_schema`; never edit
by hand. `validation.expected_columns` reads it while MIGRATIONS is this
version's list, and makes a case in memory to ask otherwise.
"""

MIGRATIONS = (
    'm001_initial', 'm002_gap_assessments', 'm003_import_log', 'm004_position_source_ids',
    'm005_list_order_indexes', 'm006_revisions', 'm011_revision_key_with_kind',
    'm010_list_sort_keys', 'm012_integer_keys', 'm012_revisions_by_record',
    'm014_partial_list_keys', 'm014_integer_stamps', 'm015_list_keyless', 'm016_compact_keys',
    'm017_event_keys', 'm018_sparse_proposal_index',
)

COLUMNS = {
    '_sqlite_migrations': (
        'id', 'migration_set', 'name', 'applied_at',
    ),
    'assessments': (
        'id', 'issue_id', 'date', 'date_approx', 'gap', 'note', 'created_at', 'updated_at',
    ),
    'case_info': (
        'id', 'title', 'description', 'marking', 'created_at', 'updated_at',
    ),
    'changes': (
        'n', 'replica_id', 'seq', 'what', 'author', 'at', 'note', 'applied_at',
    ),
    'event_issue_links': (
        'event_n', 'issue_n',
    ),
    'event_issues': (
        'event_id', 'issue_id',
    ),
    'event_parties': (
        'event_id', 'party_id',
    ),
    'event_party_links': (
        'event_n', 'party_n',
    ),
    'event_source_links': (
        'event_n', 'source_n',
    ),
    'event_sources': (
        'event_id', 'source_id',
    ),
    'event_tag_links': (
        'event_n', 'tag',
    ),
    'event_tags': (
        'event_id', 'tag',
    ),
    'events': (
        'n', 'key', 'date', 'date_approx', 'end_date', 'end_approx', 'kind', 'title',
        'description', 'created_at', 'updated_at', 'list_parties', 'list_issues', 'list_tags',
        'list_sources',
    ),
    'import_log': (
        'id', 'file_name', 'file_sha256', 'mapping_json', 'imported_at', 'row_count',
        'record_count',
    ),
    'issues': (
        'n', 'id', 'name', 'description', 'pax_code', 'sort_order', 'created_at', 'updated_at',
    ),
    'parties': (
        'n', 'id', 'name', 'short_name', 'role', 'colour', 'sort_order', 'created_at',
        'updated_at',
    ),
    'peers': (
        'replica_id', 'known', 'merged_at',
    ),
    'position_source_links': (
        'position_n', 'source_n',
    ),
    'position_sources': (
        'position_id', 'source_id',
    ),
    'positions': (
        'n', 'id', 'party_id', 'issue_id', 'date', 'date_approx', 'stance', 'summary', 'detail',
        'proposal_id', 'event_id', 'created_at', 'updated_at', 'source_ids',
    ),
    'proposal_parties': (
        'proposal_id', 'party_id', 'part',
    ),
    'proposal_party_links': (
        'proposal_n', 'party_n', 'part',
    ),
    'proposal_source_links': (
        'proposal_n', 'source_n',
    ),
    'proposal_sources': (
        'proposal_id', 'source_id',
    ),
    'proposal_term_links': (
        'proposal_n', 'issue_n', 'text',
    ),
    'proposal_terms': (
        'proposal_id', 'issue_id', 'text',
    ),
    'proposals': (
        'n', 'id', 'date', 'date_approx', 'title', 'status', 'summary', 'created_at',
        'updated_at',
    ),
    'replica': (
        'id', 'case_id', 'replica_id', 'file_device', 'file_inode', 'file_path',
    ),
    'revision_kinds': (
        'code', 'kind', 'records',
    ),
    'revision_log': (
        'kind', 'record', 'change', 'before', 'after',
    ),
    'revision_names': (
        'kind', 'record', 'id',
    ),
    'revision_records': (
        'kind', 'record', 'id',
    ),
    'revisions': (
        'change', 'record_id', 'kind', 'before', 'after',
    ),
    'sources': (
        'n', 'id', 'title', 'outlet', 'date', 'date_approx', 'location', 'reliability',
        'credibility', 'notes', 'created_at', 'updated_at',
    ),
}
