<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@type": "BreadcrumbList",
  "name": "<?php echo esc_js( get_the_title() ); ?>",
  "itemListElement": [
    {"@type": "ListItem", "position": 1, "name": "Home", "item": "<?= esc_url( home_url( '/' ) ) ?>"}
    <?php foreach ( $crumbs as $i => $crumb ) { ?>
    ,{"@type": "ListItem", "position": <?= $i + 1 ?>, "nam": "<?= esc_js( $crumb['title'] ) ?>", "item": "<?= esc_url( $crumb['url'] ) ?>"}
    <?php } ?>
  ]
}
</script>
