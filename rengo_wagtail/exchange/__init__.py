"""Translation exchange files: a language's work handed to a translator, and brought back.

- ``units``: each page's translatable text as units (from the page types'
  ``translated_fields``), what an export holds, and the text put back together;
- ``markup``: rich text as segments with placeholders for its inline tags;
- ``xliff`` and ``po``: the two file formats, written and read;
- ``importer``: a returned file checked as a whole, then written in one
  transaction (drafts, or published through ``translation.publishing``).

``rengo_export_translations`` and ``rengo_import_translations`` and the admin's
``views.translation_exchange`` call these.
"""
