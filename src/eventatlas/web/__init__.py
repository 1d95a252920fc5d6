"""The map page's static files (``static/``), served at ``/`` and ``/static`` by ``eventatlas.api``.
Third-party browser code lives in ``static/vendor`` (see its VERSIONS.md and
scripts/vendor_web_assets.sh)."""
