package app.mobilebackend.files;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.StoredFile;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.List;

/** Files' share of a user's personal data: every file's metadata in the export; erasure removes the objects, then the rows. */
@Singleton
public final class FilesPersonalData implements PersonalData {

    private static final int PAGE = 500;

    private final FileRepository repository;
    private final FileObjects objects;

    FilesPersonalData(FileRepository repository, FileObjects objects) {
        this.repository = repository;
        this.objects = objects;
    }

    @Override
    public void export(String userId, DataExport export) {
        List<StoredFile> files = new ArrayList<>();
        String after = "";
        List<FileRow> page;
        do {
            page = repository.findPage(userId, after, PAGE);
            page.forEach(row -> files.add(FileService.toApi(row)));
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (page.size() == PAGE);
        export.setFiles(files);
    }

    /** Objects first, listed by the user's key prefix, so even objects whose row is already gone are erased. */
    @Override
    public void erase(String userId) {
        objects.deleteAll(userId);
        repository.deleteByOwnerSub(userId);
    }
}
