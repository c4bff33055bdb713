"""Readers and writers: files in, Production out; Schedule in, files and calendars out."""
