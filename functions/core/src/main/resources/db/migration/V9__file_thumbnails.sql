-- A file's thumbnail (issue 18): the S3 key the thumbnails function wrote it under (thumbnails/<sub>/<id>.jpg), NULL
-- until one exists and for files that get none. Set once, by an update that requires it to be NULL, so a duplicate
-- S3 event changes nothing.
ALTER TABLE files ADD COLUMN thumbnail_key VARCHAR(255) NULL;
