// Keeps a running import's progress up to date without reloading the page, so focus and reading
// position stay where they are. Without JavaScript the page's Refresh link does the same job.
// The figures are not announced each time they change; screen reader users hear once, through a
// status region, when the import has finished. A button stops the updates (WCAG 2.2.2).
const region = document.getElementById('import-progress')
const figures = document.getElementById('import-progress-figures')
const status = document.getElementById('import-progress-status')

if (region && figures && status && window.fetch && window.DOMParser) {
  const seconds = Math.max(Number(region.dataset.refreshSeconds) || 5, 2)
  const stopButton = document.createElement('button')
  stopButton.type = 'button'
  stopButton.className = 'govuk-button govuk-button--secondary'
  stopButton.textContent = 'Stop updating automatically'
  region.insertBefore(stopButton, status)

  let timer = null
  const stop = () => {
    window.clearInterval(timer)
    stopButton.remove()
  }

  const update = async () => {
    let response
    try {
      response = await window.fetch(window.location.pathname, { credentials: 'same-origin' })
    } catch (error) {
      return // a dropped connection: try again next time
    }
    if (!response.ok) {
      stop()
      return
    }
    const page = new window.DOMParser().parseFromString(await response.text(), 'text/html')
    const fresh = page.getElementById('import-progress-figures')
    if (!fresh) {
      stop()
      status.textContent = 'The import has finished. Refresh the page to see what it did.'
      figures.replaceChildren(document.createRange().createContextualFragment(
        '<p class="govuk-body govuk-!-font-weight-bold">The import has finished. Refresh the page to see what it did.</p>'
      ))
      return
    }
    figures.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)))
  }

  stopButton.addEventListener('click', stop)
  timer = window.setInterval(update, seconds * 1000)
}
