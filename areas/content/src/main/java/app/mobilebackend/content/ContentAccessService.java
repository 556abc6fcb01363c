package app.mobilebackend.content;

import app.mobilebackend.api.model.ContentAccess;
import app.mobilebackend.core.error.ApiException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;

import java.time.ZoneOffset;

/** Who may fetch a content item, and the signed URL they fetch it with. */
@Singleton
@Requires(classes = CloudFrontUtilities.class)
public final class ContentAccessService {

    private final ContentCatalog catalog;
    private final PremiumMembership membership;
    private final ContentUrlSigner signer;

    ContentAccessService(ContentCatalog catalog, PremiumMembership membership, ContentUrlSigner signer) {
        this.catalog = catalog;
        this.membership = membership;
        this.signer = signer;
    }

    /** A signed URL for item {@code contentId}: 404 when there is none, 403 for premium content and a non-premium caller. */
    public ContentAccess access(String sub, String contentId) {
        ContentItemRow item = catalog.find(contentId);
        if (item.premium() && !membership.isPremium(sub)) {
            throw ApiException.forbidden("This content needs a premium membership.");
        }
        ContentUrlSigner.SignedUrl signed = signer.sign(item.objectKey());
        return new ContentAccess(item.id(), signed.url(), signed.expiresAt().atOffset(ZoneOffset.UTC));
    }
}
