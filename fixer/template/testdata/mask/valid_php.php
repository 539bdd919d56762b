<?php $post = get_post(); ?>
<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@type": "Article",
  "headline": "<?php echo esc_js( get_the_title() ); ?>",
  "datePublished": "<?= get_the_date( 'c' ) ?>",
  "wordCount": <?php echo str_word_count( $post->post_content ); ?>,
  "author": [
    <?php foreach ( $authors as $i => $a ) : ?>
    {"@type": "Person", "name": "<?= esc_js( $a->name ) ?>"}<?php if ( $i < count( $authors ) - 1 ) echo ','; ?>
    <?php endforeach; ?>
  ],
  <?php if ( has_post_thumbnail() ) { ?>
  "image": "<?php the_post_thumbnail_url(); ?>",
  <?php } ?>
  "publisher": {"@type": "Organization", "name": "<?php echo '?>'; ?>"}
}
</script>
